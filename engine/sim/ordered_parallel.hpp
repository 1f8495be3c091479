#pragma once
// Work items 0..count-1 produced on `jobs` threads and consumed in order on the
// calling thread, with at most `window` items made and not yet consumed at any time
// (memory stays flat however many items there are). The calling thread is one of the
// workers: between its own items it consumes every item that is ready, so there are
// never more threads than jobs. Workers never wait for one another, only for the
// consumer when they run `window` items ahead of it.
//
// produce(worker, index) runs on threads 0..jobs-1 (0 is the caller); consume(index,
// result) runs on the caller's thread in index order. An exception from produce
// reaches the caller when its item's turn comes (the items before it are consumed
// first); an exception from consume stops the workers and propagates.
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "sim/worker_thread.hpp"

namespace hpsim::sim {

template <class Result, class Produce, class Consume>
void ordered_parallel(std::size_t count, unsigned jobs, std::size_t window, Produce&& produce, Consume&& consume) {
    if (jobs <= 1 || count <= 1) {
        for (std::size_t i = 0; i < count; ++i) consume(i, produce(0u, i));
        return;
    }
    window = std::max<std::size_t>(window, 1);
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

    // Makes item `index` and puts it in its slot; true when the consumer sleeps waiting for it.
    auto make = [&](unsigned worker, std::size_t index) {
        Slot made;
        try {
            made.result.emplace(produce(worker, index));
        } catch (...) {
            made.failure = std::current_exception();
        }
        made.ready = true;
        const std::lock_guard lock(mutex);
        slots[index % window] = std::move(made);
        return consumer_waiting && index == consumed;
    };
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
            if (make(worker, index)) slot_ready.notify_one();
        }
    };

    std::vector<std::unique_ptr<WorkerThread>> threads;
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
        for (unsigned worker = 1; worker < workers; ++worker)
            threads.push_back(std::make_unique<WorkerThread>([&work, worker] { work(worker); }, worker));
        std::unique_lock lock(mutex);
        while (consumed < count) {
            Slot& slot = slots[consumed % window];
            if (slot.ready) {  // the next item in order: consume it
                Slot taken = std::move(slot);
                slot = Slot{};
                lock.unlock();
                if (taken.failure) std::rethrow_exception(taken.failure);
                consume(consumed, std::move(*taken.result));
                lock.lock();
                ++consumed;
                if (workers_waiting > 0) slot_free.notify_all();
            } else if (next < count && next < consumed + window) {  // make one item meanwhile
                const std::size_t index = next++;
                lock.unlock();
                make(0u, index);
                lock.lock();
            } else {  // wait for the next item in order
                consumer_waiting = true;
                slot_ready.wait(lock);
                consumer_waiting = false;
            }
        }
        lock.unlock();
    } catch (...) {
        stop();
        throw;
    }
    stop();
}

}  // namespace hpsim::sim
