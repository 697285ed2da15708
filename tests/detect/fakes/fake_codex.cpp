// A stand-in for `codex --version`, built once per behaviour (FAKE_CODEX_MODE)
// so the detection tests can meet every answer a real install may give
// without a real Codex. Plain C++: a fake must not need Qt's libraries.
#include <chrono>
#include <cstdio>
#include <thread>

#define FAKE_MODE_VERSION 1
#define FAKE_MODE_PRERELEASE 2
#define FAKE_MODE_CODEPAGE 3
#define FAKE_MODE_HANG 4
#define FAKE_MODE_EXIT3 5
#define FAKE_MODE_SILENT 6

int main()
{
#if FAKE_CODEX_MODE == FAKE_MODE_VERSION
    std::printf("codex-cli 0.121.0\n");
    return 0;
#elif FAKE_CODEX_MODE == FAKE_MODE_PRERELEASE
    std::printf("codex-cli 0.146.0-alpha.9.2\n");
    return 0;
#elif FAKE_CODEX_MODE == FAKE_MODE_CODEPAGE
    std::printf("Active code page: 65001\r\ncodex-cli 0.130.2\r\n");
    return 0;
#elif FAKE_CODEX_MODE == FAKE_MODE_HANG
    // Long enough to outlive any test timeout, bounded so a leak cannot linger.
    std::this_thread::sleep_for(std::chrono::seconds(120));
    return 0;
#elif FAKE_CODEX_MODE == FAKE_MODE_EXIT3
    std::fprintf(stderr, "\nerror: failed to load config: broken.toml\nsecond line\n");
    return 3;
#elif FAKE_CODEX_MODE == FAKE_MODE_SILENT
    return 0;
#else
#error "set FAKE_CODEX_MODE"
#endif
}
