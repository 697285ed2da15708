// A fake Codex CLI for GUI tests: `codex --version` prints `codex-cli 0.121.0`
// (or the version in FAKE_CODEX_VERSION), anything else exits 2.
#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char **argv)
{
    if (argc == 2 && std::strcmp(argv[1], "--version") == 0) {
        const char *version = std::getenv("FAKE_CODEX_VERSION");
        std::printf("codex-cli %s\n", version && *version ? version : "0.121.0");
        return 0;
    }
    std::fprintf(stderr, "fake codex: only --version is supported\n");
    return 2;
}
