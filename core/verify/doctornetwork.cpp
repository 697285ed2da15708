#include "verify/doctornetwork.h"

// toml++ stays inside core's .cpp files (Debian's is built with exceptions).
#if __has_include(<toml++/toml.h>)
#include <toml++/toml.h>
#else
#include <toml.hpp>
#endif

#include <QRegularExpression>

#include <optional>
#include <string_view>

namespace SandboxDoctor {

namespace {

std::optional<toml::table> parse(const QByteArray &bytes)
{
    try {
        return toml::parse(std::string_view(bytes.constData(), size_t(bytes.size())));
    } catch (const toml::parse_error &) {
        return std::nullopt;  // Codex will not load it: no provider of the file's is used
    }
}

// Absent, or a value of the type Codex expects: the override changes no verdict.
bool replaceable(const toml::node *node)
{
    return !node || node->is_string();
}

QString text(const toml::node *node)
{
    const std::optional<std::string_view> value = node ? node->value<std::string_view>() : std::nullopt;
    return value ? QString::fromUtf8(value->data(), qsizetype(value->size())) : QString();
}

} // namespace

DoctorNetwork keepDoctorLocal(const QByteArray &configBytes, QProcessEnvironment environment, quint16 closedPort)
{
    DoctorNetwork result;
    const QString proxy = QStringLiteral("http://127.0.0.1:%1").arg(closedPort);
    const QString baseUrl = QStringLiteral("\"%1/v1\"").arg(proxy);

    // reqwest (the HTTP checks and the update check) honours these; a closed
    // port refuses at once instead of timing out.
    for (const char *name : {"HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy", "http_proxy", "all_proxy"})
        environment.insert(QString::fromLatin1(name), proxy);
    environment.remove(QStringLiteral("NO_PROXY"));
    environment.remove(QStringLiteral("no_proxy"));

    const std::optional<toml::table> config = parse(configBytes);
    // The WebSocket check resolves and connects to the provider's own URL,
    // proxies or not: point the built-in provider at the closed port.
    if (!config || replaceable(config->get("openai_base_url")))
        result.arguments << QStringLiteral("-c") << QStringLiteral("openai_base_url=%1").arg(baseUrl);

    const QString provider = config ? text(config->get("model_provider")) : QString();
    const toml::table *providers = config ? config->get_as<toml::table>("model_providers") : nullptr;
    const toml::table *own = providers ? providers->get_as<toml::table>(provider.toStdString()) : nullptr;
    if (own) {
        // A provider the file defines: its credentials' variable goes (the
        // WebSocket check runs only with credentials), and its URL, when it
        // has one, is pointed at the closed port where `-c` can name it (a
        // dotted path: no dots in the name).
        const QString envKey = text(own->get("env_key"));
        if (!envKey.isEmpty())
            environment.remove(envKey);
        static const QRegularExpression bareKey(QStringLiteral("^[A-Za-z0-9_-]+$"));
        if (!bareKey.match(provider).hasMatch()) {
            result.note = QStringLiteral("The model provider \"%1\" cannot be named on Codex's command line, so "
                                         "`codex doctor` may look its host up.")
                              .arg(provider);
        } else if (const toml::node *url = own->get("base_url"); url && url->is_string()) {
            result.arguments << QStringLiteral("-c")
                             << QStringLiteral("model_providers.%1.base_url=%2").arg(provider, baseUrl);
        }
    }
    result.environment = std::move(environment);
    return result;
}

} // namespace SandboxDoctor
