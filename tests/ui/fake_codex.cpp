// A fake Codex CLI for GUI tests: `codex --version` prints `codex-cli 0.121.0`
// (or the version in FAKE_CODEX_VERSION), anything else exits 2. With
// FAKE_CODEX_GATE set, it answers only once that file exists (at most 60 s),
// so a test can look at the window while detection is still running.
#define _CRT_SECURE_NO_WARNINGS  // std::getenv and std::fopen are fine here (MSVC calls them unsafe)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace {

bool exists(const char *path)
{
    if (std::FILE *file = std::fopen(path, "rb")) {
        std::fclose(file);
        return true;
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc == 2 && std::strcmp(argv[1], "--version") == 0) {
        if (const char *gate = std::getenv("FAKE_CODEX_GATE")) {
            for (int i = 0; i < 6000 && !exists(gate); ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        const char *version = std::getenv("FAKE_CODEX_VERSION");
        std::printf("codex-cli %s\n", version && *version ? version : "0.121.0");
        return 0;
    }
    std::fprintf(stderr, "fake codex: only --version is supported\n");
    return 2;
}
