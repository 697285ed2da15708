#pragma once

#include <QCommandLineParser>
#include <QString>

namespace SandboxDoctor::Cli {

class CliContext;

// One subcommand: its name, a line of help, its own options, and what it does.
struct Command final
{
    QString name;
    QString summary;
    void (*addOptions)(QCommandLineParser &parser) = nullptr;  // may be null
    int (*run)(CliContext &context, const QCommandLineParser &parser) = nullptr;
};

} // namespace SandboxDoctor::Cli
