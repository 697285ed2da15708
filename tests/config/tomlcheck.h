#pragma once

// The tests' own view of TOML values, independent of the engine's value check:
// toml++ tables turned into QVariant trees, managed keys taken away by the rules
// of issue 2, compared with QVariant's ==.

#include <toml++/toml.h>

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>
#include <sstream>

namespace TomlCheck {

inline QVariant toVariant(const toml::node &node)
{
    if (const auto *t = node.as_table()) {
        QVariantMap map;
        for (auto &&[k, v] : *t)
            map.insert(QString::fromUtf8(k.str().data(), int(k.str().size())), toVariant(v));
        return map;
    }
    if (const auto *a = node.as_array()) {
        QVariantList list;
        for (const auto &v : *a)
            list.append(toVariant(v));
        return list;
    }
    if (const auto *s = node.as_string())
        return QString(QStringLiteral("s:") + QString::fromUtf8(s->get().data(), int(s->get().size())));
    if (const auto *i = node.as_integer())
        return QVariant::fromValue<qlonglong>(i->get());
    if (const auto *f = node.as_floating_point())
        return f->get();
    if (const auto *b = node.as_boolean())
        return b->get();
    std::ostringstream out;  // dates and times, in toml++'s canonical text
    if (const auto *d = node.as_date())
        out << *d;
    else if (const auto *t = node.as_time())
        out << *t;
    else if (const auto *dt = node.as_date_time())
        out << *dt;
    return QString(QStringLiteral("d:") + QString::fromStdString(out.str()));
}

// nullopt when `bytes` (BOM allowed) is not valid TOML; `error` gets toml++'s words.
inline std::optional<QVariantMap> parse(QByteArray bytes, QString *error = nullptr)
{
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes = bytes.mid(3);
    try {
        const toml::table table = toml::parse(std::string_view(bytes.constData(), size_t(bytes.size())));
        return toVariant(table).toMap();
    } catch (const toml::parse_error &e) {
        if (error)
            *error = QStringLiteral("%1 at line %2").arg(QString::fromUtf8(e.description().data(),
                                                                           int(e.description().size())))
                         .arg(e.source().begin.line);
        return std::nullopt;
    }
}

// Calls visit(key, child) for each table directly under `table`, tables inside
// arrays included, and stores what it leaves in the child.
template <typename Visit>
inline void forEachSubTable(QVariantMap &table, Visit visit)
{
    for (auto it = table.begin(); it != table.end(); ++it) {
        if (it.value().typeId() == QMetaType::QVariantMap) {
            QVariantMap child = it.value().toMap();
            visit(it.key(), child);
            it.value() = child;
        } else if (it.value().typeId() == QMetaType::QVariantList) {
            QVariantList list = it.value().toList();
            for (QVariant &v : list) {
                if (v.typeId() == QMetaType::QVariantMap) {
                    QVariantMap child = v.toMap();
                    visit(it.key(), child);
                    v = child;
                }
            }
            it.value() = list;
        }
    }
}

// Where a sandbox_mode is the user's and stays (issue 12.8, the tests' own list
// of what Codex 0.171 does): a profile's own, and maps whose keys the user names.
inline bool keepsSandboxMode(const QStringList &table)
{
    const auto is = [&table](qsizetype i, const char *name) { return table.value(i) == QLatin1String(name); };
    switch (table.size()) {
    case 2:
        return is(0, "profiles") || (is(0, "shell_environment_policy") && is(1, "set"));
    case 3:
        return (is(0, "mcp_servers") && (is(2, "env") || is(2, "http_headers") || is(2, "env_http_headers")))
               || (is(0, "model_providers")
                   && (is(2, "http_headers") || is(2, "env_http_headers") || is(2, "query_params")));
    case 4:
        return is(0, "profiles") && is(2, "shell_environment_policy") && is(3, "set");
    default:
        return false;
    }
}

// Takes sandbox_mode (and a misplaced block's network_access) out of `table` (at
// `path`) and its sub-tables, except where keepsSandboxMode says it is user data.
inline void stripTrapped(QVariantMap &table, const QStringList &path = {})
{
    if (!keepsSandboxMode(path))
        table.remove(QStringLiteral("sandbox_mode"));
    if (table.value(QStringLiteral("sandbox_workspace_write")).typeId() == QMetaType::QVariantMap) {
        QVariantMap sww = table.value(QStringLiteral("sandbox_workspace_write")).toMap();
        sww.remove(QStringLiteral("network_access"));
        table.insert(QStringLiteral("sandbox_workspace_write"), sww);
    }
    forEachSubTable(table, [&path](const QString &key, QVariantMap &child) { stripTrapped(child, path + QStringList{key}); });
}

// Empty tables hold no value: drop them (recursively) on both sides.
inline void pruneEmpty(QVariantMap &table)
{
    forEachSubTable(table, [](const QString &, QVariantMap &child) { pruneEmpty(child); });
    table.removeIf([](QVariantMap::iterator it) {
        return it.value().typeId() == QMetaType::QVariantMap && it.value().toMap().isEmpty();
    });
}

// Root sandbox_mode, root sandbox_workspace_write.network_access, sandbox_mode in
// any table where it is no user data; then empty tables.
inline QVariantMap withoutManagedKeys(QVariantMap root)
{
    stripTrapped(root);
    pruneEmpty(root);
    return root;
}

} // namespace TomlCheck
