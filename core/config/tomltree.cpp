#include "config/tomltree_p.h"

#include <QString>

#include <cmath>
#include <string_view>
#include <variant>
#include <vector>

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

void removeTrapped(toml::table &table, bool underProfiles)
{
    if (!underProfiles) {
        table.erase("sandbox_mode");
        if (toml::table *sww = table.get_as<toml::table>("sandbox_workspace_write"))
            sww->erase("network_access");
    }
    for (auto &&[key, node] : table) {
        if (toml::table *child = node.as_table()) {
            removeTrapped(*child, underProfiles);
        } else if (toml::array *array = node.as_array()) {
            for (auto &element : *array) {
                if (toml::table *inArray = element.as_table())
                    removeTrapped(*inArray, underProfiles);
            }
        }
    }
}

// Empty tables (a header left holding nothing, or a table whose only key was
// trapped) carry no value; dropping them on both sides keeps the comparison fair.
void pruneEmptyTables(toml::table &table)
{
    for (auto it = table.begin(); it != table.end();) {
        if (toml::table *child = it->second.as_table()) {
            pruneEmptyTables(*child);
            if (child->empty()) {
                it = table.erase(it);
                continue;
            }
        } else if (toml::array *array = it->second.as_array()) {
            for (auto &element : *array) {
                if (toml::table *inArray = element.as_table())
                    pruneEmptyTables(*inArray);
            }
        }
        ++it;
    }
}

} // namespace

void removeManagedKeys(toml::table &root)
{
    root.erase("sandbox_mode");
    if (toml::table *sww = root.get_as<toml::table>("sandbox_workspace_write"))
        sww->erase("network_access");
    for (auto &&[key, node] : root) {
        const bool profiles = key.str() == "profiles";
        if (toml::table *child = node.as_table()) {
            removeTrapped(*child, profiles);
        } else if (toml::array *array = node.as_array()) {
            for (auto &element : *array) {
                if (toml::table *table = element.as_table())
                    removeTrapped(*table, profiles);
            }
        }
    }
    pruneEmptyTables(root);
}

namespace {

// Keys and indexes down to the node being compared; turned into text only when
// a difference is reported, so equal trees cost no string building.
using PathStack = std::vector<std::variant<std::string_view, size_t>>;

QString pathText(const PathStack &path)
{
    QString text;
    for (const auto &part : path) {
        if (const auto *key = std::get_if<std::string_view>(&part)) {
            if (!text.isEmpty())
                text += QLatin1Char('.');
            text += QString::fromUtf8(key->data(), int(key->size()));
        } else {
            text += QStringLiteral("[%1]").arg(std::get<size_t>(part));
        }
    }
    return text.isEmpty() ? QStringLiteral("(root)") : text;
}

struct Comparison final
{
    PathStack path;
    QString *where = nullptr;
    int *line = nullptr;

    bool fail(const toml::node *a, const toml::node *b)
    {
        if (where)
            *where = pathText(path);
        if (line) {
            *line = a ? int(a->source().begin.line) : 0;
            if (*line == 0 && b)
                *line = int(b->source().begin.line);
        }
        return false;
    }

    bool sameTable(const toml::table &a, const toml::table &b)
    {
        if (a.size() != b.size()) {
            for (auto &&[key, node] : a) {
                if (!b.contains(key.str())) {
                    path.push_back(key.str());
                    return fail(&node, nullptr);
                }
            }
            for (auto &&[key, node] : b) {
                if (!a.contains(key.str())) {
                    path.push_back(key.str());
                    return fail(nullptr, &node);
                }
            }
        }
        for (auto &&[key, node] : a) {
            path.push_back(key.str());
            const toml::node *other = b.get(key.str());
            if (!other)
                return fail(&node, nullptr);
            if (!sameNode(node, *other))
                return false;
            path.pop_back();
        }
        return true;
    }

    bool sameNode(const toml::node &a, const toml::node &b)
    {
        if (a.type() != b.type())
            return fail(&a, &b);
        switch (a.type()) {
        case toml::node_type::table:
            return sameTable(*a.as_table(), *b.as_table());
        case toml::node_type::array: {
            const toml::array &x = *a.as_array();
            const toml::array &y = *b.as_array();
            if (x.size() != y.size())
                return fail(&a, &b);
            for (size_t i = 0; i < x.size(); ++i) {
                path.push_back(i);
                if (!sameNode(x[i], y[i]))
                    return false;
                path.pop_back();
            }
            return true;
        }
        case toml::node_type::floating_point: {
            const double x = a.as_floating_point()->get();
            const double y = b.as_floating_point()->get();
            return (std::isnan(x) && std::isnan(y)) || x == y || fail(&a, &b);
        }
        case toml::node_type::string:
            return a.as_string()->get() == b.as_string()->get() || fail(&a, &b);
        case toml::node_type::integer:
            return a.as_integer()->get() == b.as_integer()->get() || fail(&a, &b);
        case toml::node_type::boolean:
            return a.as_boolean()->get() == b.as_boolean()->get() || fail(&a, &b);
        case toml::node_type::date:
            return a.as_date()->get() == b.as_date()->get() || fail(&a, &b);
        case toml::node_type::time:
            return a.as_time()->get() == b.as_time()->get() || fail(&a, &b);
        case toml::node_type::date_time:
            return a.as_date_time()->get() == b.as_date_time()->get() || fail(&a, &b);
        case toml::node_type::none:
            return true;
        }
        return fail(&a, &b);
    }
};

} // namespace

namespace {

// sameUserValues walks both trees once, in step (toml++ keeps a table's keys
// sorted), and skips on the fly what removeManagedKeys would erase or prune: no
// copies, no erasing, no key lookups. The rules are removeManagedKeys' own:
// `managed` tables lose sandbox_mode (every table outside profiles.*), `sww`
// tables (a managed table's sandbox_workspace_write) lose network_access, empty
// tables vanish; tables inside arrays of arrays are left `raw`, as the removal
// and pruning passes never reach them.
struct Scope final
{
    bool managed = true;
    bool sww = false;
    bool raw = false;
    bool root = false;
};

Scope childTableScope(const Scope &parent, std::string_view key)
{
    if (parent.raw)
        return {false, false, true, false};
    return {parent.managed && !(parent.root && key == "profiles"),
            parent.managed && key == "sandbox_workspace_write", false, false};
}

Scope elementScope(const Scope &parent, std::string_view key, bool elementOfTableArray)
{
    if (parent.raw || !elementOfTableArray)
        return {false, false, true, false};
    return {parent.managed && !(parent.root && key == "profiles"), false, false, false};
}

bool prunable(const toml::table &table, const Scope &scope);

bool ignored(std::string_view key, const toml::node &node, const Scope &scope)
{
    if (scope.raw)
        return false;
    if (scope.managed && key == "sandbox_mode")
        return true;
    if (scope.sww && key == "network_access")
        return true;
    const toml::table *child = node.as_table();
    return child && prunable(*child, childTableScope(scope, key));
}

bool prunable(const toml::table &table, const Scope &scope)
{
    for (auto &&[key, node] : table) {
        if (!ignored(key.str(), node, scope))
            return false;
    }
    return true;
}

bool sameUserNode(const toml::node &a, const toml::node &b, std::string_view key, const Scope &scope,
                  bool inTable);

bool managedKey(std::string_view key, const Scope &scope)
{
    return !scope.raw && ((scope.managed && key == "sandbox_mode") || (scope.sww && key == "network_access"));
}

// A key on one side only must be one that removeManagedKeys would take away. A key
// on both sides is compared right away, tables included: two tables that would
// both be pruned compare equal, one pruned and one not compare unequal, which is
// what pruning first would give, without looking at every table twice.
bool sameUserTable(const toml::table &a, const toml::table &b, const Scope &scope)
{
    auto ia = a.begin();
    auto ib = b.begin();
    const auto ea = a.end();
    const auto eb = b.end();
    while (true) {
        while (ia != ea && managedKey(ia->first.str(), scope))
            ++ia;
        while (ib != eb && managedKey(ib->first.str(), scope))
            ++ib;
        if (ia == ea && ib == eb)
            return true;
        const std::string_view keyA = ia != ea ? std::string_view(ia->first.str()) : std::string_view();
        const std::string_view keyB = ib != eb ? std::string_view(ib->first.str()) : std::string_view();
        if (ib == eb || (ia != ea && keyA < keyB)) {
            if (!ignored(keyA, ia->second, scope))
                return false;
            ++ia;
        } else if (ia == ea || keyB < keyA) {
            if (!ignored(keyB, ib->second, scope))
                return false;
            ++ib;
        } else {
            if (!sameUserNode(ia->second, ib->second, keyA, scope, true))
                return false;
            ++ia;
            ++ib;
        }
    }
}

// `key` and `inTable`: the key under which the node sits in a table of `scope`
// (inTable), or, for array elements, the key of the array (`scope` is the array's table).
bool sameUserNode(const toml::node &a, const toml::node &b, std::string_view key, const Scope &scope,
                  bool inTable)
{
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
    case toml::node_type::table:
        return sameUserTable(*a.as_table(), *b.as_table(),
                             inTable ? childTableScope(scope, key) : elementScope(scope, key, true));
    case toml::node_type::array: {
        const toml::array &x = *a.as_array();
        const toml::array &y = *b.as_array();
        if (x.size() != y.size())
            return false;
        // Elements of an array held by a table keep that table's rules; deeper ones are raw.
        const Scope arrayScope = inTable ? scope : Scope{false, false, true, false};
        for (size_t i = 0; i < x.size(); ++i) {
            if (!sameUserNode(x[i], y[i], key, arrayScope, false))
                return false;
        }
        return true;
    }
    case toml::node_type::floating_point: {
        const double x = a.as_floating_point()->get();
        const double y = b.as_floating_point()->get();
        return (std::isnan(x) && std::isnan(y)) || x == y;
    }
    case toml::node_type::string:
        return a.as_string()->get() == b.as_string()->get();
    case toml::node_type::integer:
        return a.as_integer()->get() == b.as_integer()->get();
    case toml::node_type::boolean:
        return a.as_boolean()->get() == b.as_boolean()->get();
    case toml::node_type::date:
        return a.as_date()->get() == b.as_date()->get();
    case toml::node_type::time:
        return a.as_time()->get() == b.as_time()->get();
    case toml::node_type::date_time:
        return a.as_date_time()->get() == b.as_date_time()->get();
    case toml::node_type::none:
        return true;
    }
    return false;
}

} // namespace

bool sameUserValues(const toml::table &a, const toml::table &b)
{
    Scope root;
    root.root = true;
    return sameUserTable(a, b, root);
}

bool sameValues(const toml::table &a, const toml::table &b, QString *where, int *line)
{
    Comparison comparison;
    comparison.where = where;
    comparison.line = line;
    return comparison.sameTable(a, b);
}

} // namespace SandboxDoctor
