#include "clicontext.h"
#include "commands.h"

#include "verify/dnsprobe.h"

#include <QJsonDocument>

namespace SandboxDoctor::Cli {

namespace {

void addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("connect"),
                      QStringLiteral("probe-dns: also open a TCP connection to this loopback listener (127.0.0.1:PORT)."),
                      QStringLiteral("ADDR")});
}

// The program `verify --probe-dns` runs outside and inside Codex's sandbox; a
// person can run it too. Exit 0 when the name resolves (and the connection,
// if asked for, succeeds), 1 otherwise, 2 for usage errors.
int run(CliContext &context, const QCommandLineParser &parser)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        return context.fail(Error{Error::Kind::Usage, QStringLiteral("probe-dns needs exactly one HOST."), {}, 0, 0,
                                  QStringLiteral("For example: probe-dns api.openai.com --connect 127.0.0.1:8080")});
    }
    std::optional<LoopbackTarget> target;
    if (parser.isSet(QStringLiteral("connect"))) {
        Expected<LoopbackTarget> parsed = parseLoopbackTarget(parser.value(QStringLiteral("connect")));
        if (!parsed)
            return context.fail(parsed.error());
        target = *parsed;
    }

    const DnsProbeResult result = runDnsProbe(positional.at(1), target);
    if (context.json()) {
        context.out() << QJsonDocument(dnsProbeToJson(result)).toJson(QJsonDocument::Indented);
    } else {
        context.out() << "resolve: " << describeResolve(result) << "\n";
        if (result.connect != DnsProbeResult::Connect::NotTried)
            context.out() << "socket:  " << describeConnect(result) << "\n";
    }
    context.out().flush();
    const bool resolved = result.resolve == DnsProbeResult::Resolve::Resolved;
    const bool connected = result.connect == DnsProbeResult::Connect::NotTried
                           || result.connect == DnsProbeResult::Connect::Connected;
    return resolved && connected ? 0 : 1;
}

} // namespace

Command probeDnsCommand()
{
    return {QStringLiteral("probe-dns"),
            QStringLiteral("Resolve HOST and try a loopback socket here (verify runs it inside Codex's sandbox)."),
            addOptions, run};
}

} // namespace SandboxDoctor::Cli
