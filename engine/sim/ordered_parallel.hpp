#pragma once
// Work items 0..count-1 produced on several threads and consumed in order on the
// calling thread, with at most `window` results waiting at any time (memory stays
// flat however many items there are). Workers never wait for one another, only for
// the consumer when they run `window` items ahead of it: a slow or descheduled thread
// delays nothing but its own item.
//
// produce(worker, index) runs on worker threads 0..jobs-1; consume(index, result) runs
// on the caller's thread in index order. An exception from produce reaches the caller
// when its item's turn comes (the items before it are consumed first); an exception
// from consume stops the workers and propagates.
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace hpsim::sim {

template <class Result, class Produce, class Consume>
void ordered_parallel(std::size_t count, unsigned jobs, std::size_t window, Produce&& produce, Consume&& consume) {
    if (jobs <= 1 || count <= 1) {
        for (std::size_t i = 0; i < count; ++i) consume(i, produce(0u, i));
        return;
    }
    struct Slot {
        std::optional<Result> result;
        std::exception_ptr failure;
        bool ready = false;
    };
    std::vector<Slot> slots(window);
    std::mutex mutex;
    std::condition_variable slot_ready, slot_free;
    std::size_t next = 0, consumed = 0;
    bool stopping = false;
    // Who sleeps, so that a thread is woken only when it has something to do (a wake-up
    // costs more than most items on a virtual machine).
    bool consumer_waiting = false;
    std::size_t workers_waiting = 0;

    auto work = [&](unsigned worker) {
        for (;;) {
            std::size_t index;
            {
                std::unique_lock lock(mutex);
                while (!(stopping || next >= count || next < consumed + window)) {
                    ++workers_waiting;
                    slot_free.wait(lock);
                    --workers_waiting;
                }
                if (stopping || next >= count) return;
                index = next++;
            }
            Slot produced;
            try {
                produced.result.emplace(produce(worker, index));
            } catch (...) {
                produced.failure = std::current_exception();
            }
            produced.ready = true;
            bool awaited;
            {
                const std::lock_guard lock(mutex);
                slots[index % window] = std::move(produced);
                awaited = consumer_waiting && index == consumed;
            }
            if (awaited) slot_ready.notify_one();
        }
    };

    std::vector<std::jthread> threads;
    auto stop = [&] {
        {
            const std::lock_guard lock(mutex);
            stopping = true;
        }
        slot_free.notify_all();
        threads.clear();  // joins
    };
    try {
        // Inside the try: a thread that cannot be started stops those that were.
        const auto workers = static_cast<unsigned>(std::min<std::size_t>(jobs, count));
        for (unsigned worker = 0; worker < workers; ++worker) threads.emplace_back(work, worker);
        for (std::size_t index = 0; index < count; ++index) {
            Slot slot;
            {
                std::unique_lock lock(mutex);
                while (!slots[index % window].ready) {
                    consumer_waiting = true;
                    slot_ready.wait(lock);
                    consumer_waiting = false;
                }
                slot = std::move(slots[index % window]);
                slots[index % window] = Slot{};
            }
            if (slot.failure) std::rethrow_exception(slot.failure);
            consume(index, std::move(*slot.result));
            bool someone_waits;
            {
                const std::lock_guard lock(mutex);
                consumed = index + 1;
                someone_waits = workers_waiting > 0;
            }
            if (someone_waits) slot_free.notify_all();
        }
    } catch (...) {
        stop();
        throw;
    }
    stop();
}

}  // namespace hpsim::sim
