#include "sim/worker_thread.hpp"

#include <pthread.h>
#include <sched.h>

#include <cerrno>
#include <system_error>
#include <vector>

namespace hpsim::sim {

static_assert(sizeof(pthread_t) <= sizeof(unsigned long), "pthread_t is kept in an unsigned long");

struct WorkerThread::Start {
    std::function<void()> body;
    cpu_set_t allowed{};  // the process's processors, taken back once running
    bool place = false;
};

namespace {

void* run(void* argument) {
    const std::unique_ptr<WorkerThread::Start> start(static_cast<WorkerThread::Start*>(argument));
    if (start->place) sched_setaffinity(0, sizeof start->allowed, &start->allowed);  // placed, not pinned
    start->body();
    return nullptr;
}

}  // namespace

WorkerThread::WorkerThread(std::function<void()> body, unsigned worker) {
    auto start = std::make_unique<Start>();
    start->body = std::move(body);
    pthread_attr_t attributes;
    if (const int error = pthread_attr_init(&attributes)) throw std::system_error(error, std::generic_category(), "pthread_attr_init");
    // The processors this process may use, other than the one running the caller.
    const int caller = sched_getcpu();
    std::vector<int> others;
    if (caller >= 0 && sched_getaffinity(0, sizeof start->allowed, &start->allowed) == 0)
        for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
            if (cpu != caller && CPU_ISSET(cpu, &start->allowed)) others.push_back(cpu);
    if (!others.empty() && worker > 0) {
        cpu_set_t first{};
        CPU_ZERO(&first);
        CPU_SET(others[(worker - 1) % others.size()], &first);
        start->place = pthread_attr_setaffinity_np(&attributes, sizeof first, &first) == 0;
    }
    pthread_t thread;
    int error = pthread_create(&thread, &attributes, run, start.get());
    pthread_attr_destroy(&attributes);
    if (error == EINVAL && start->place) {  // the processor went away meanwhile: anywhere will do
        start->place = false;
        error = pthread_create(&thread, nullptr, run, start.get());
    }
    if (error) throw std::system_error(error, std::generic_category(), "cannot start a thread");
    start.release();  // the thread owns it now
    handle_ = static_cast<unsigned long>(thread);
}

WorkerThread::~WorkerThread() { pthread_join(static_cast<pthread_t>(handle_), nullptr); }

}  // namespace hpsim::sim
