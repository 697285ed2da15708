#include "config/trappedkeys.h"

namespace SandboxDoctor {

namespace {

bool is(const QString &part, const char *name)
{
    return part == QLatin1String(name);
}

bool isAnyOf(const QString &part, std::initializer_list<const char *> names)
{
    for (const char *name : names) {
        if (is(part, name))
            return true;
    }
    return false;
}

} // namespace

// Each kind of table, checked with `codex doctor --json` of Codex 0.171.0
// (tests/apply/test_codex_accepts.cpp, codexJudgesSandboxModeInEveryKindOfTable,
// asks it again on every run):
// - profiles.<name>: a profile's own sandbox_mode, used with `--profile`: kept.
// - Maps whose keys the user names: environment variables (mcp_servers.<name>.env,
//   shell_environment_policy.set), HTTP headers (mcp_servers.<name>.http_headers
//   and .env_http_headers, model_providers.<name>.http_headers and
//   .env_http_headers) and query parameters (model_providers.<name>.query_params):
//   Codex loads them without a word and passes the entry on: kept. Also
//   profiles.<name>.shell_environment_policy.set: 0.171 ignores a profile's shell
//   policy as a whole, but its keys are still variable names, never a setting.
// - Refused: permissions.<name> and everything below it, features (whose values
//   are flags), and a key directly under mcp_servers, profiles, projects or
//   model_providers (there it names a server, profile, project or provider, and a
//   string is no such thing).
// - Everywhere else Codex 0.171 loads the file and ignores the key, with the
//   startup warning "`tools.sandbox_mode` is ignored" (history, memories, notice,
//   otel, tools, windows, sandbox_workspace_write, shell_environment_policy,
//   mcp_servers.<name>, model_providers.<name>, projects.<path>,
//   [[skills.config]] entries; a table it does not know is named as a whole) or
//   without one (tui).
SandboxModePlace sandboxModePlace(const QStringList &table)
{
    const qsizetype n = table.size();
    if (n == 0)
        return SandboxModePlace::UserData;  // the root: the setting itself, not a trapped copy
    const QString &first = table.constFirst();
    if (n == 2 && is(first, "profiles"))
        return SandboxModePlace::UserData;
    if (n == 3 && is(first, "mcp_servers") && isAnyOf(table[2], {"env", "http_headers", "env_http_headers"}))
        return SandboxModePlace::UserData;
    if (n == 3 && is(first, "model_providers")
        && isAnyOf(table[2], {"http_headers", "env_http_headers", "query_params"}))
        return SandboxModePlace::UserData;
    if (n == 2 && is(first, "shell_environment_policy") && is(table[1], "set"))
        return SandboxModePlace::UserData;
    if (n == 4 && is(first, "profiles") && is(table[2], "shell_environment_policy") && is(table[3], "set"))
        return SandboxModePlace::UserData;

    if (is(first, "permissions") || (n == 1 && is(first, "features"))
        || (n == 1 && isAnyOf(first, {"mcp_servers", "profiles", "projects", "model_providers"})))
        return SandboxModePlace::Refused;
    return SandboxModePlace::Ignored;
}

QString tableText(const QStringList &table)
{
    return table.join(QLatin1Char('.'));
}

} // namespace SandboxDoctor
