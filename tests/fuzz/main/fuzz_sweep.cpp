// libFuzzer entry point: scripts/fuzz.sh builds and runs it (clang only).
#include "../fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    hpsim::fuzz::sweep_spec_input({data, size});
    return 0;
}
