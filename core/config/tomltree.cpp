#include "config/tomltree_p.h"

#include <QString>

#include <cmath>
#include <string_view>

namespace SandboxDoctor {

Expected<std::shared_ptr<toml::table>> parseToml(const QByteArray &utf8Body)
{
    try {
        auto table = std::make_shared<toml::table>(
            toml::parse(std::string_view(utf8Body.constData(), size_t(utf8Body.size()))));
        return table;
    } catch (const toml::parse_error &e) {
        Error error;
        error.kind = Error::Kind::Refused;
        error.message = QStringLiteral("config.toml is not valid TOML: %1.")
                            .arg(QString::fromUtf8(e.description().data(), int(e.description().size())));
        error.line = int(e.source().begin.line);
        error.column = int(e.source().begin.column);
        error.hint = QStringLiteral("Fix that line in an editor (or restore a backup), then run again; "
                                    "nothing was changed.");
        return error;
    }
}

namespace {

// Returns true when the removal left `table` empty (a table that only held a
// trapped key, e.g. from `x.sandbox_mode = 1`, goes with it).
bool removeTrapped(toml::table &table, bool underProfiles)
{
    bool removed = false;
    if (!underProfiles) {
        removed = table.erase("sandbox_mode") > 0;
        if (toml::table *sww = table.get_as<toml::table>("sandbox_workspace_write")) {
            if (sww->erase("network_access") > 0 && sww->empty()) {
                table.erase("sandbox_workspace_write");
                removed = true;
            }
        }
    }
    for (auto it = table.begin(); it != table.end();) {
        bool emptied = false;
        if (toml::table *child = it->second.as_table()) {
            emptied = removeTrapped(*child, underProfiles);
        } else if (toml::array *array = it->second.as_array()) {
            for (auto &element : *array) {
                if (toml::table *child = element.as_table())
                    removeTrapped(*child, underProfiles);
            }
        }
        if (emptied) {
            it = table.erase(it);
            removed = true;
        } else {
            ++it;
        }
    }
    return removed && table.empty();
}

} // namespace

void removeManagedKeys(toml::table &root)
{
    root.erase("sandbox_mode");
    if (toml::table *sww = root.get_as<toml::table>("sandbox_workspace_write")) {
        sww->erase("network_access");
        if (sww->empty())
            root.erase("sandbox_workspace_write");
    }
    for (auto it = root.begin(); it != root.end();) {
        const bool profiles = it->first.str() == "profiles";
        bool emptied = false;
        if (toml::table *child = it->second.as_table()) {
            emptied = removeTrapped(*child, profiles);
        } else if (toml::array *array = it->second.as_array()) {
            for (auto &element : *array) {
                if (toml::table *table = element.as_table())
                    removeTrapped(*table, profiles);
            }
        }
        it = emptied ? root.erase(it) : std::next(it);
    }
}

namespace {

bool sameNode(const toml::node &a, const toml::node &b, QString path, QString *where, int *line);

bool fail(const toml::node *a, const toml::node *b, const QString &path, QString *where, int *line)
{
    if (where)
        *where = path.isEmpty() ? QStringLiteral("(root)") : path;
    if (line) {
        *line = 0;
        if (a)
            *line = int(a->source().begin.line);
        if (*line == 0 && b)
            *line = int(b->source().begin.line);
    }
    return false;
}

QString joinPath(const QString &path, std::string_view key)
{
    const QString part = QString::fromUtf8(key.data(), int(key.size()));
    return path.isEmpty() ? part : path + QLatin1Char('.') + part;
}

bool sameTable(const toml::table &a, const toml::table &b, const QString &path, QString *where, int *line)
{
    for (auto &&[key, node] : a) {
        const toml::node *other = b.get(key.str());
        if (!other)
            return fail(&node, nullptr, joinPath(path, key.str()), where, line);
        if (!sameNode(node, *other, joinPath(path, key.str()), where, line))
            return false;
    }
    for (auto &&[key, node] : b) {
        if (!a.contains(key.str()))
            return fail(nullptr, &node, joinPath(path, key.str()), where, line);
    }
    return true;
}

bool sameNode(const toml::node &a, const toml::node &b, QString path, QString *where, int *line)
{
    if (a.type() != b.type())
        return fail(&a, &b, path, where, line);
    switch (a.type()) {
    case toml::node_type::table:
        return sameTable(*a.as_table(), *b.as_table(), path, where, line);
    case toml::node_type::array: {
        const toml::array &x = *a.as_array();
        const toml::array &y = *b.as_array();
        if (x.size() != y.size())
            return fail(&a, &b, path, where, line);
        for (size_t i = 0; i < x.size(); ++i) {
            if (!sameNode(x[i], y[i], path + QStringLiteral("[%1]").arg(i), where, line))
                return false;
        }
        return true;
    }
    case toml::node_type::floating_point: {
        const double x = a.as_floating_point()->get();
        const double y = b.as_floating_point()->get();
        if ((std::isnan(x) && std::isnan(y)) || x == y)
            return true;
        return fail(&a, &b, path, where, line);
    }
    case toml::node_type::string:
        return a.as_string()->get() == b.as_string()->get() || fail(&a, &b, path, where, line);
    case toml::node_type::integer:
        return a.as_integer()->get() == b.as_integer()->get() || fail(&a, &b, path, where, line);
    case toml::node_type::boolean:
        return a.as_boolean()->get() == b.as_boolean()->get() || fail(&a, &b, path, where, line);
    case toml::node_type::date:
        return a.as_date()->get() == b.as_date()->get() || fail(&a, &b, path, where, line);
    case toml::node_type::time:
        return a.as_time()->get() == b.as_time()->get() || fail(&a, &b, path, where, line);
    case toml::node_type::date_time:
        return a.as_date_time()->get() == b.as_date_time()->get() || fail(&a, &b, path, where, line);
    case toml::node_type::none:
        return true;
    }
    return fail(&a, &b, path, where, line);
}

} // namespace

bool sameValues(const toml::table &a, const toml::table &b, QString *where, int *line)
{
    return sameTable(a, b, QString(), where, line);
}

} // namespace SandboxDoctor
