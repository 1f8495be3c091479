// Worker threads start away from their creator's processor and are not pinned there.
#include <catch2/catch.hpp>
#include <sched.h>

#include "sim/worker_thread.hpp"

TEST_CASE("a worker thread starts on another processor than its creator's, then may run anywhere", "[parallel]") {
    cpu_set_t allowed;
    REQUIRE(sched_getaffinity(0, sizeof allowed, &allowed) == 0);
    // The creator may itself move while it creates the thread: that attempt does not count.
    for (int attempt = 0; attempt < 20; ++attempt) {
        int first_cpu = -1;
        cpu_set_t running_mask;
        CPU_ZERO(&running_mask);
        const int creator_before = sched_getcpu();
        {
            const hpsim::sim::WorkerThread thread(
                [&] {
                    first_cpu = sched_getcpu();
                    sched_getaffinity(0, sizeof running_mask, &running_mask);
                },
                1);
        }  // joined
        CHECK(CPU_EQUAL(&running_mask, &allowed));  // placed, not pinned
        if (sched_getcpu() != creator_before) continue;
        if (CPU_COUNT(&allowed) >= 2) CHECK(first_cpu != creator_before);
        else CHECK(first_cpu == creator_before);
        return;
    }
    FAIL("the creating thread moved at every attempt");
}
