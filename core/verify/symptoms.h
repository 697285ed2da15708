#pragma once

#include "common/expected.h"

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace SandboxDoctor {

// One known symptom (error text -> likely cause), a row of resources/symptoms.json.
struct Symptom final
{
    QString id;             // stable: "dns-blocked", "connection-refused", ...
    QStringList patterns;   // case-insensitive regular expressions, any one matches
    QString cause;          // one line
    QString explanation;    // a few sentences for a person
    QString fixId;          // what the app can do about it ("apply-managed-block"), empty when nothing
    QString fix;            // what a person can do, in words
};

struct SymptomMatch final
{
    Symptom symptom;
    QString matchedText;    // the part of the pasted text that matched
    int offset = 0;         // where, in the pasted text
};

struct Explanation final
{
    QList<SymptomMatch> matches;  // in catalog order (most specific rows first), each symptom once
    QString host;                 // a host name from the text, for the DNS probe; empty when none
};

class SymptomCatalog final
{
public:
    // The catalog compiled into the verify library (":/sandboxdoctor/symptoms.json").
    static Expected<SymptomCatalog> builtIn();
    // Errors (Kind::Refused) name what is malformed: not JSON, a row without
    // id/patterns/cause, an invalid regular expression.
    static Expected<SymptomCatalog> fromJson(const QByteArray &json);

    const QList<Symptom> &symptoms() const { return m_symptoms; }
    Explanation explain(QStringView text) const;

private:
    QList<Symptom> m_symptoms;
    QList<QList<QRegularExpression>> m_compiled;
};

// The host in "dial tcp: lookup HOST: no such host", "dial tcp: lookup HOST on
// 1.2.3.4:53: ...", "Could not resolve host: HOST", "getaddrinfo ENOTFOUND HOST",
// "Failed to lookup host: HOST", "failed to lookup address information" near a URL;
// empty when none.
QString extractHost(QStringView text);

} // namespace SandboxDoctor
