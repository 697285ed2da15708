#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace SandboxDoctor {

// `codex doctor` also checks the model provider (HTTP and WebSocket) and
// GitHub's release API. Those checks say nothing about the config or the
// sandbox, take ~10 s to time out without a network, and send traffic with
// one. Observed on Codex 0.171.0: with every proxy variable and the
// provider's URL pointing at a closed loopback port, each of them fails in
// milliseconds, only loopback connections are made, and `config.load` and
// `sandbox.helpers` answer exactly as before.
struct DoctorNetwork final
{
    QStringList arguments;        // "-c", "openai_base_url=\"http://127.0.0.1:PORT/v1\"", ...
    QProcessEnvironment environment;
    QString note;                 // what could not be kept local, for a person; empty when all is
};

// What to add to `codex doctor --json` for `configBytes`, and the environment
// to run it in, given a loopback `closedPort` that refuses connections
// (LoopbackListener::reserveClosed). Overrides only replace values Codex
// would accept anyway (absent or a string), so a wrong value in the file is
// still Codex's to report.
DoctorNetwork keepDoctorLocal(const QByteArray &configBytes, QProcessEnvironment environment, quint16 closedPort);

} // namespace SandboxDoctor
