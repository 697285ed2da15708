#include "homes/homejsontext.h"

#include "report/effectivereport.h"

#include <QJsonDocument>

namespace SandboxDoctor {

namespace {

// A JSON string: quotes, backslashes and control characters escaped, the
// rest as UTF-8 (JSON text is UTF-8).
void appendString(QByteArray &out, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    out += '"';
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            switch (c) {
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default: {
                static const char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[u >> 4];
                out += hex[u & 0xF];
            }
            }
        } else {
            out += c;
        }
    }
    out += '"';
}

void appendStringOrNull(QByteArray &out, const QString &text)
{
    if (text.isEmpty())
        out += "null";
    else
        appendString(out, text);
}

void appendKey(QByteArray &out, const char *key, bool first = false)
{
    if (!first)
        out += ',';
    out += '"';
    out += key;
    out += "\":";
}

} // namespace

QByteArray homeReportJsonText(const HomeReport &report)
{
    QByteArray out;
    out.reserve(1024 + 160 * report.entries.size() + 256 * report.findings.size());
    out += '{';
    appendKey(out, "path", true);
    appendString(out, report.path);
    appendKey(out, "workspace");
    appendStringOrNull(out, report.workspace);
    appendKey(out, "task");
    appendStringOrNull(out, report.task);
    appendKey(out, "status");
    appendString(out, report.statusName());
    appendKey(out, "block");
    appendString(out, report.blockName());
    appendKey(out, "preset");
    appendString(out, policyPresetName(report.policy.preset));
    appendKey(out, "preset_source");
    appendString(out, presetSourceName(report.presetSource));
    appendKey(out, "layout");
    appendString(out, homeLayoutName(report.layout));
    // status --json's object, from its one serializer: a home is judged as the
    // shared config.toml is. Null when config.toml could not be read.
    appendKey(out, "effective");
    if (report.effective)
        out += QJsonDocument(effectiveToJson(*report.effective, report.effectiveMatchesPolicy))
                   .toJson(QJsonDocument::Compact);
    else
        out += "null";
    appendKey(out, "entries");
    out += '[';
    for (qsizetype i = 0; i < report.entries.size(); ++i) {
        const HomeEntry &entry = report.entries.at(i);
        if (i > 0)
            out += ',';
        out += '{';
        appendKey(out, "name", true);
        appendString(out, entry.name);
        appendKey(out, "kind");
        appendString(out, entryKindName(entry.kind));
        appendKey(out, "target");
        appendStringOrNull(out, entry.target);
        appendKey(out, "state");
        appendString(out, entryStateName(entry.state));
        if (!entry.role.isEmpty()) {
            appendKey(out, "role");
            appendString(out, entry.role);
        }
        out += '}';
    }
    out += ']';
    appendKey(out, "findings");
    out += '[';
    for (qsizetype i = 0; i < report.findings.size(); ++i) {
        const Finding &finding = report.findings.at(i);
        if (i > 0)
            out += ',';
        out += '{';
        appendKey(out, "code", true);
        appendString(out, finding.code);
        appendKey(out, "severity");
        appendString(out, severityName(finding.severity));
        appendKey(out, "message");
        appendString(out, finding.message);
        // As findingToJson() (report/jsonshapes.h): line and fix always present, null when absent.
        appendKey(out, "line");
        out += finding.line > 0 ? QByteArray::number(finding.line) : QByteArray("null");
        appendKey(out, "fix");
        appendStringOrNull(out, finding.fix);
        out += '}';
    }
    out += "]}";
    return out;
}

} // namespace SandboxDoctor
