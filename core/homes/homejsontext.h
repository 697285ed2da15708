#pragma once

#include "homes/homereport.h"

#include <QByteArray>

namespace SandboxDoctor {

// One home of `inspect --json` as compact JSON text, written directly: the
// same members and values as homeReportToJson() (in the contract's order),
// without building a QJsonObject per home and per entry, which cost a fifth
// of an inspect over 10,000 homes. Only `effective`, status --json's object,
// goes through its own serializer (effectivereport.h), so the two stay one shape.
QByteArray homeReportJsonText(const HomeReport &report);

} // namespace SandboxDoctor
