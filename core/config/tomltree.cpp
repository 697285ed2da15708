#include "config/tomltree_p.h"

#include "config/configdocument.h"
#include "config/configlimits.h"

#include <QString>

#include <cmath>
#include <string_view>
#include <variant>
#include <vector>

namespace SandboxDoctor {

// The lexer refuses exactly the nesting toml++ refuses (configlimits.h).
static_assert(MaxValueNesting == TOML_MAX_NESTED_VALUES, "MaxValueNesting must follow toml++'s limit");

bool withinLimitsAtAGlance(const QByteArray &text)
{
    if (text.size() >= MaxLines || text.size() > MaxValueBytes)
        return false;
    qsizetype dots = 0;
    qsizetype openers = 0;
    for (const char c : text) {
        dots += c == '.';
        openers += c == '[' || c == '{';
    }
    return dots < MaxKeyParts - 1 && openers < MaxValueNesting;
}

Expected<std::shared_ptr<toml::table>> parseToml(const QByteArray &utf8Body)
{
    // toml++ recurses once per dotted-key part and nesting level: a file that
    // might pass the engine's limits goes through the lexer first, which
    // refuses it with the line and the limit instead of exhausting the stack.
    if (!withinLimitsAtAGlance(utf8Body)) {
        if (Expected<ConfigDocument> doc = loadConfigDocument(utf8Body); !doc)
            return doc.error();
    }
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

// The removal rule of removeManagedKeys, for one key in a table held by `parentKey`.
bool removedKey(std::string_view key, std::string_view parentKey, const toml::node &node,
                const RemovedKeyLines &removed)
{
    if (key != "sandbox_mode" && !(key == "network_access" && parentKey == "sandbox_workspace_write"))
        return false;
    return removed.contains(int(node.source().begin.line));
}

void removeFromTable(toml::table &table, std::string_view parentKey, const RemovedKeyLines &removed);

void removeFromArray(toml::array &array, std::string_view key, const RemovedKeyLines &removed)
{
    for (auto &element : array) {
        if (toml::table *table = element.as_table())
            removeFromTable(*table, key, removed);
        else if (toml::array *inner = element.as_array())
            removeFromArray(*inner, key, removed);
    }
}

void removeFromTable(toml::table &table, std::string_view parentKey, const RemovedKeyLines &removed)
{
    for (auto it = table.begin(); it != table.end();) {
        const std::string_view key = it->first.str();
        if (removedKey(key, parentKey, it->second, removed)) {
            it = table.erase(it);
            continue;
        }
        if (toml::table *child = it->second.as_table()) {
            removeFromTable(*child, key, removed);
            if (child->empty()) {
                it = table.erase(it);
                continue;
            }
        } else if (toml::array *array = it->second.as_array()) {
            removeFromArray(*array, key, removed);
        }
        ++it;
    }
}

} // namespace

void removeManagedKeys(toml::table &root, const RemovedKeyLines &removed)
{
    removeFromTable(root, {}, removed);
}

namespace {

std::optional<MergeConflict> mergeTables(toml::table &into, const toml::table &from, QString path)
{
    for (auto &&[key, node] : from) {
        const QString keyPath = (path.isEmpty() ? QString() : path + QLatin1Char('.'))
                                + QString::fromUtf8(key.str().data(), int(key.str().size()));
        toml::node *existing = into.get(key.str());
        if (!existing) {
            node.visit([&into, &key = key](const auto &value) { into.insert(key, value); });
            continue;
        }
        if (toml::table *intoTable = existing->as_table(); intoTable && node.is_table()) {
            if (auto conflict = mergeTables(*intoTable, *node.as_table(), keyPath))
                return conflict;
            continue;
        }
        return MergeConflict{keyPath, int(existing->source().begin.line), int(node.source().begin.line)};
    }
    return std::nullopt;
}

} // namespace

std::optional<MergeConflict> mergeInto(toml::table &into, const toml::table &from)
{
    return mergeTables(into, from, QString());
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
// copies, no erasing, no key lookups. Its rules are removeManagedKeys' own, and
// the property test (test_property_editengine) holds the two to the same answers.
bool prunable(const toml::table &table, std::string_view key, const RemovedKeyLines &removed);

// A key that removeManagedKeys takes away: removed itself, or a table it prunes.
bool ignored(std::string_view key, std::string_view parentKey, const toml::node &node,
             const RemovedKeyLines &removed)
{
    if (removedKey(key, parentKey, node, removed))
        return true;
    const toml::table *child = node.as_table();
    return child && prunable(*child, key, removed);
}

bool prunable(const toml::table &table, std::string_view key, const RemovedKeyLines &removed)
{
    for (auto &&[childKey, node] : table) {
        if (!ignored(childKey.str(), key, node, removed))
            return false;
    }
    return true;
}

bool sameUserNode(const toml::node &a, const RemovedKeyLines &ra, const toml::node &b, const RemovedKeyLines &rb,
                  std::string_view key);

// A key on one side only must be one that removeManagedKeys would take away. A key
// on both sides is compared right away, tables included: two tables that would
// both be pruned compare equal, one pruned and one not compare unequal, which is
// what pruning first would give, without looking at every table twice.
bool sameUserTable(const toml::table &a, const RemovedKeyLines &ra, const toml::table &b, const RemovedKeyLines &rb,
                   std::string_view parentKey)
{
    auto ia = a.begin();
    auto ib = b.begin();
    const auto ea = a.end();
    const auto eb = b.end();
    while (true) {
        while (ia != ea && removedKey(ia->first.str(), parentKey, ia->second, ra))
            ++ia;
        while (ib != eb && removedKey(ib->first.str(), parentKey, ib->second, rb))
            ++ib;
        if (ia == ea && ib == eb)
            return true;
        const std::string_view keyA = ia != ea ? std::string_view(ia->first.str()) : std::string_view();
        const std::string_view keyB = ib != eb ? std::string_view(ib->first.str()) : std::string_view();
        if (ib == eb || (ia != ea && keyA < keyB)) {
            if (!ignored(keyA, parentKey, ia->second, ra))
                return false;
            ++ia;
        } else if (ia == ea || keyB < keyA) {
            if (!ignored(keyB, parentKey, ib->second, rb))
                return false;
            ++ib;
        } else {
            if (!sameUserNode(ia->second, ra, ib->second, rb, keyA))
                return false;
            ++ia;
            ++ib;
        }
    }
}

// `key`: the key that holds the node, or, for array elements, the array's key.
bool sameUserNode(const toml::node &a, const RemovedKeyLines &ra, const toml::node &b, const RemovedKeyLines &rb,
                  std::string_view key)
{
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
    case toml::node_type::table:
        return sameUserTable(*a.as_table(), ra, *b.as_table(), rb, key);
    case toml::node_type::array: {
        const toml::array &x = *a.as_array();
        const toml::array &y = *b.as_array();
        if (x.size() != y.size())
            return false;
        for (size_t i = 0; i < x.size(); ++i) {
            if (!sameUserNode(x[i], ra, y[i], rb, key))
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

bool sameUserValues(const toml::table &a, const RemovedKeyLines &removedA, const toml::table &b,
                    const RemovedKeyLines &removedB)
{
    return sameUserTable(a, removedA, b, removedB, {});
}

bool sameValues(const toml::table &a, const toml::table &b, QString *where, int *line)
{
    Comparison comparison;
    comparison.where = where;
    comparison.line = line;
    return comparison.sameTable(a, b);
}

} // namespace SandboxDoctor
