// A stand-in for Codex versions verify must cope with. The behaviour is built
// in per target (FAKE_MODE), so a test picks a fake by path, not by environment.
//   no-doctor  `doctor` is an unknown subcommand (Codex before doctor existed)
//   garbage    `doctor --json` prints text that is not JSON, exit 0
//   hang       `doctor` never finishes; neither does `probe-dns` (a resolver that never answers)
//   answers    prints a doctor report and writes the scratch home's listing to
//              $CODEX_HOME/../<name>.listing, and its arguments and proxy
//              variables to <name>.args, so tests see what Codex was shown
// Every mode: `--version` prints "codex-cli 0.120.0"; `sandbox --help` and
// `debug --help` are unknown subcommands (no sandbox to probe in).
#define _CRT_SECURE_NO_WARNINGS  // std::getenv is fine here (MSVC calls it unsafe)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

int main(int argc, char **argv)
{
    const std::string mode = FAKE_MODE;
    const std::string first = argc > 1 ? argv[1] : "";
    if (first == "--version") {
        std::puts("codex-cli 0.120.0");
        return 0;
    }
    if (first == "sandbox" || first == "debug" || (first == "doctor" && mode == "no-doctor")) {
        std::fprintf(stderr, "error: unrecognized subcommand '%s'\n\nUsage: codex [OPTIONS] [PROMPT]\n", first.c_str());
        return 2;
    }
    if (first == "probe-dns" && mode == "hang") {
        std::this_thread::sleep_for(std::chrono::minutes(5));
        return 0;
    }
    if (first != "doctor")
        return 2;
    if (mode == "hang") {
        std::this_thread::sleep_for(std::chrono::minutes(5));
        return 0;
    }
    if (mode == "garbage") {
        std::puts("Everything looks fine.");
        return 0;
    }

    const char *home = std::getenv("CODEX_HOME");
    if (home) {
        namespace fs = std::filesystem;
        const fs::path root(home);
        // Binary: the listing holds "\n" on every platform (text mode writes CRLF on Windows).
        std::ofstream listing(root.parent_path() / (root.filename().string() + ".listing"), std::ios::binary);
        for (const auto &entry : fs::directory_iterator(root))
            listing << entry.path().filename().string() << "\n";
        std::ofstream args(root.parent_path() / (root.filename().string() + ".args"), std::ios::binary);
        for (int i = 1; i < argc; ++i)
            args << argv[i] << "\n";
        for (const char *name : {"HTTPS_PROXY", "http_proxy", "NO_PROXY"}) {
            const char *value = std::getenv(name);
            args << name << "=" << (value ? value : "(unset)") << "\n";
        }
    }
    std::puts("{\"schemaVersion\":1,\"overallStatus\":\"fail\",\"codexVersion\":\"0.120.0\",\"checks\":{"
              "\"config.load\":{\"id\":\"config.load\",\"status\":\"ok\",\"details\":{}},"
              "\"sandbox.helpers\":{\"id\":\"sandbox.helpers\",\"status\":\"ok\",\"details\":"
              "{\"filesystem sandbox\":\"restricted\",\"network sandbox\":\"restricted\"}}}}");
    return 1;  // like the real one: a failed check (no login) makes the exit code 1
}
