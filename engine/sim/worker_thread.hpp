#pragma once
// A thread for parallel work that starts on a processor other than its creator's.
//
// Linux places a new thread on its creator's processor and moves it to an idle one
// only at the next load balancing, a scheduler tick or more later: measured here, a
// new thread waited about 2 ms (up to 4) before it ran while its creator kept working,
// longer than a whole deck sweep's share of many runs. So the thread is created with
// an affinity to the other processors the process may use (the n-th worker on the
// n-th of them, in turn) and, once running, takes back the process's whole set: it is
// placed, not pinned.
#include <functional>
#include <memory>

namespace hpsim::sim {

class WorkerThread {
public:
    // Starts body() on a new thread; `worker` (1, 2, ...) chooses its first processor.
    // Throws std::system_error when no thread can be started.
    WorkerThread(std::function<void()> body, unsigned worker);
    ~WorkerThread();  // joins
    WorkerThread(const WorkerThread&) = delete;
    WorkerThread& operator=(const WorkerThread&) = delete;

    struct Start;  // what the new thread is given

private:
    unsigned long handle_ = 0;  // pthread_t
};

}  // namespace hpsim::sim
