// Work produced on threads reaches the consumer in order, errors at their turn.
#include <catch2/catch.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "sim/ordered_parallel.hpp"

using hpsim::sim::ordered_parallel;

TEST_CASE("items made on three threads are consumed in index order, whatever their cost", "[parallel]") {
    std::vector<std::size_t> consumed;
    ordered_parallel<std::size_t>(
        500, 3, 6,
        [](unsigned, std::size_t index) {
            volatile double sink = 0;  // uneven work: later items often finish first
            for (std::size_t i = 0; i < (index % 7) * 2000; ++i) sink = sink + static_cast<double>(i);
            return index * index;
        },
        [&](std::size_t index, std::size_t&& value) {
            CHECK(value == index * index);
            consumed.push_back(index);
        });
    REQUIRE(consumed.size() == 500);
    for (std::size_t i = 0; i < consumed.size(); ++i) CHECK(consumed[i] == i);
}

TEST_CASE("an item that fails reaches the caller at its turn, after the items before it", "[parallel]") {
    std::vector<std::size_t> consumed;
    CHECK_THROWS_WITH(ordered_parallel<int>(
                          100, 2, 4,
                          [](unsigned, std::size_t index) -> int {
                              if (index == 37) throw std::runtime_error("item 37 failed");
                              return static_cast<int>(index);
                          },
                          [&](std::size_t index, int&&) { consumed.push_back(index); }),
                      "item 37 failed");
    REQUIRE(consumed.size() == 37);
    CHECK(consumed.back() == 36);
    // A consumer that fails stops the workers too.
    CHECK_THROWS_WITH(ordered_parallel<int>(
                          1000, 2, 4, [](unsigned, std::size_t index) { return static_cast<int>(index); },
                          [](std::size_t index, int&&) {
                              if (index == 10) throw std::runtime_error("the disk is full");
                          }),
                      "the disk is full");
}

TEST_CASE("a slow consumer holds the workers at the window, a slow item holds the consumer, and neither sleeps forever",
          "[parallel]") {
    for (const bool slow_consumer : {true, false}) {
        INFO((slow_consumer ? "slow consumer" : "slow items"));
        std::vector<std::size_t> consumed;
        std::atomic<std::size_t> produced{0};
        std::size_t most_ahead = 0;  // items produced beyond those consumed, seen by the consumer
        ordered_parallel<std::size_t>(
            200, 2, 2,
            [&](unsigned, std::size_t index) {
                if (!slow_consumer && index % 3 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
                ++produced;
                return index;
            },
            [&](std::size_t index, std::size_t&& value) {
                if (slow_consumer) std::this_thread::sleep_for(std::chrono::microseconds(200));
                most_ahead = std::max(most_ahead, produced.load() - index);
                consumed.push_back(value);
            });
        REQUIRE(consumed.size() == 200);
        for (std::size_t i = 0; i < consumed.size(); ++i) CHECK(consumed[i] == i);
        CHECK(most_ahead <= 2);  // the window: never more than two items made and not yet consumed
    }
}
