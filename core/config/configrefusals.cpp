#include "config/configrefusals_p.h"

#include <QLocale>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace SandboxDoctor {

namespace {

QString fromStd(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// Rust's `{:?}` of a str, which serde's "invalid type: string …" prints.
QString rustDebugString(const QString &text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '"': out += QStringLiteral("\\\""); break;
        case '\\': out += QStringLiteral("\\\\"); break;
        case '\n': out += QStringLiteral("\\n"); break;
        case '\r': out += QStringLiteral("\\r"); break;
        case '\t': out += QStringLiteral("\\t"); break;
        case 0: out += QStringLiteral("\\0"); break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                out += QStringLiteral("\\u{%1}").arg(c.unicode(), 0, 16);
            else
                out += c;
        }
    }
    return out + QLatin1Char('"');
}

// serde prints floats with Rust's Display (never an exponent) and adds ".0"
// to whole numbers.
QString rustFloat(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    QString text = QString::number(value, 'f', QLocale::FloatingPointShortest);
    if (!text.contains(QLatin1Char('.')))
        text += QStringLiteral(".0");
    return text;
}

QString nodeText(const toml::node &node)
{
    std::ostringstream out;
    node.visit([&out](const auto &value) { out << value; });
    return QString::fromStdString(out.str());
}

// serde's `Unexpected` for the value the toml crate hands it.
QString unexpected(const toml::node &node)
{
    if (const auto *text = node.as_string())
        return QStringLiteral("string ") + rustDebugString(fromStd(text->get()));
    if (const auto *number = node.as_integer())
        return QStringLiteral("integer `%1`").arg(number->get());
    if (const auto *number = node.as_floating_point())
        return QStringLiteral("floating point `%1`").arg(rustFloat(number->get()));
    if (const auto *flag = node.as_boolean())
        return QStringLiteral("boolean `%1`").arg(flag->get() ? QStringLiteral("true") : QStringLiteral("false"));
    if (node.is_array())
        return QStringLiteral("sequence");
    if (node.is_table())
        return QStringLiteral("map");
    // Dates and times reach serde as their text (observed on 0.171.0).
    return QStringLiteral("string ") + rustDebugString(nodeText(node));
}

// The toml crate's own type names (its "expected table, found …").
QString tomlTypeName(const toml::node &node)
{
    switch (node.type()) {
    case toml::node_type::string: return QStringLiteral("string");
    case toml::node_type::integer: return QStringLiteral("integer");
    case toml::node_type::floating_point: return QStringLiteral("float");
    case toml::node_type::boolean: return QStringLiteral("boolean");
    case toml::node_type::array: return QStringLiteral("array");
    case toml::node_type::table: return QStringLiteral("table");
    default: return QStringLiteral("datetime");
    }
}

// `key` is what Codex names; `about` the key at fault, when Codex names a table around it.
CodexRefusal refusal(const toml::node &node, QString message, QString key, QString about = {})
{
    if (about.isEmpty())
        about = key;
    return CodexRefusal{std::move(message), std::move(key), nodeLine(node), true, std::move(about)};
}

std::optional<CodexRefusal> expectType(const toml::node &node, bool ok, const QString &expected, const QString &key,
                                       const QString &about = {})
{
    if (ok)
        return std::nullopt;
    return refusal(node, QStringLiteral("invalid type: %1, expected %2").arg(unexpected(node), expected), key, about);
}

// A unit-only enum as serde reads it from TOML: a string naming a variant, or
// a one-entry table (the externally tagged form).
std::optional<CodexRefusal> expectVariant(const toml::node &node, const QStringList &variants, const QString &key)
{
    QStringList quoted;
    for (const QString &variant : variants)
        quoted << QLatin1Char('`') + variant + QLatin1Char('`');
    const QString expected = QStringLiteral("expected one of ") + quoted.join(QStringLiteral(", "));
    auto unknownVariant = [&](const QString &name) {
        return refusal(node, QStringLiteral("unknown variant `%1`, %2").arg(name, expected), key);
    };
    if (const auto *text = node.as_string()) {
        const QString name = fromStd(text->get());
        if (variants.contains(name))
            return std::nullopt;
        return unknownVariant(name);
    }
    if (const auto *table = node.as_table()) {
        if (table->empty())
            return refusal(node, QStringLiteral("wanted exactly 1 element, found 0 elements"), key);
        if (table->size() > 1)
            return refusal(node, QStringLiteral("wanted exactly 1 element, more than 1 element"), key);
        const auto entry = *table->cbegin();
        const QString variant = fromStd(entry.first.str());
        if (!variants.contains(variant))
            return unknownVariant(variant);
        return refusal(node, QStringLiteral("expected table, found %1").arg(tomlTypeName(entry.second)), key);
    }
    return refusal(node, QStringLiteral("invalid type: unit variant, expected string only"), key);
}

const QStringList SandboxModes{QStringLiteral("read-only"), QStringLiteral("workspace-write"),
                               QStringLiteral("danger-full-access")};
const QStringList WindowsSandboxes{QStringLiteral("elevated"), QStringLiteral("unelevated"), QStringLiteral("mxc")};

void add(QList<CodexRefusal> &out, std::optional<CodexRefusal> found)
{
    if (found)
        out.append(std::move(*found));
}

void checkPermissions(const toml::node &node, QList<CodexRefusal> &out)
{
    // Codex names the whole `permissions` table for anything inside it.
    const QString key = QStringLiteral("permissions");
    const auto *permissions = node.as_table();
    if (!permissions) {
        add(out, expectType(node, false, QStringLiteral("struct PermissionsToml"), key));
        return;
    }
    for (const auto &[name, profileNode] : *permissions) {
        const QString path = QStringLiteral("permissions.") + fromStd(name.str());
        const auto *profile = profileNode.as_table();
        if (!profile) {
            add(out, expectType(profileNode, false, QStringLiteral("struct PermissionProfileToml"), key, path));
            continue;
        }
        if (const toml::node *extends = profile->get("extends"))
            add(out, expectType(*extends, extends->is_string(), QStringLiteral("a string"), key,
                                path + QStringLiteral(".extends")));
        if (const toml::node *network = profile->get("network")) {
            if (const auto *table = network->as_table()) {
                if (const toml::node *enabled = table->get("enabled"))
                    add(out, expectType(*enabled, enabled->is_boolean(), QStringLiteral("a boolean"), key,
                                        path + QStringLiteral(".network.enabled")));
            } else {
                add(out, expectType(*network, false, QStringLiteral("struct NetworkToml"), key,
                                    path + QStringLiteral(".network")));
            }
        }
    }
}

} // namespace

int nodeLine(const toml::node &node)
{
    return int(node.source().begin.line);
}

QString tomlValueText(const toml::node &node)
{
    // A basic string, as people write these keys (toml++ would print a literal one).
    if (const auto *text = node.as_string()) {
        QString value = fromStd(text->get());
        value.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
        return QLatin1Char('"') + value + QLatin1Char('"');
    }
    if (node.is_table())
        return QStringLiteral("{…}");
    if (node.is_array())
        return QStringLiteral("[…]");
    return nodeText(node);
}

ConfigSetting settingAt(const toml::node &node, const QString &key)
{
    return ConfigSetting{key, tomlValueText(node), nodeLine(node)};
}

QList<CodexRefusal> valueRefusals(const toml::table &root)
{
    QList<CodexRefusal> out;
    if (const toml::node *mode = root.get("sandbox_mode"))
        add(out, expectVariant(*mode, SandboxModes, QStringLiteral("sandbox_mode")));
    if (const toml::node *sww = root.get("sandbox_workspace_write")) {
        if (const auto *table = sww->as_table()) {
            if (const toml::node *network = table->get("network_access"))
                add(out, expectType(*network, network->is_boolean(), QStringLiteral("a boolean"),
                                    QStringLiteral("sandbox_workspace_write.network_access")));
        } else {
            add(out, expectType(*sww, false, QStringLiteral("struct SandboxWorkspaceWrite"),
                                QStringLiteral("sandbox_workspace_write")));
        }
    }
    for (const char *key : {"default_permissions", "profile"}) {
        if (const toml::node *node = root.get(key))
            add(out, expectType(*node, node->is_string(), QStringLiteral("a string"), QString::fromLatin1(key)));
    }
    if (const toml::node *windows = root.get("windows")) {
        if (const auto *table = windows->as_table()) {
            if (const toml::node *sandbox = table->get("sandbox"))
                add(out, expectVariant(*sandbox, WindowsSandboxes, QStringLiteral("windows.sandbox")));
        } else {
            add(out, expectType(*windows, false, QStringLiteral("struct WindowsToml"), QStringLiteral("windows")));
        }
    }
    if (const toml::node *permissions = root.get("permissions"))
        checkPermissions(*permissions, out);
    if (const auto *profiles = root.get_as<toml::table>("profiles")) {
        for (const auto &[name, profile] : *profiles) {
            const auto *table = profile.as_table();
            const toml::node *mode = table ? table->get("sandbox_mode") : nullptr;
            if (mode)
                add(out, expectVariant(*mode, SandboxModes,
                                       QStringLiteral("profiles.%1.sandbox_mode").arg(fromStd(name.str()))));
        }
    }
    // Codex's deserializer stops at the first of these it meets, reading the file top down.
    std::stable_sort(out.begin(), out.end(),
                     [](const CodexRefusal &a, const CodexRefusal &b) { return a.line < b.line; });
    return out;
}

std::optional<CodexRefusal> legacyProfileRefusal(const toml::table &root)
{
    const toml::node *node = root.get("profile");
    const auto *name = node ? node->as_string() : nullptr;
    if (!name)
        return std::nullopt;
    const QString text = fromStd(name->get());
    // Codex puts the name in as it is, quotes and all.
    return CodexRefusal{QStringLiteral("legacy `profile = \"%1\"` config is no longer supported; use `--profile %1` "
                                       "with `%1.config.toml` instead")
                            .arg(text),
                        QString(), nodeLine(*node), true, QStringLiteral("profile")};
}

} // namespace SandboxDoctor
