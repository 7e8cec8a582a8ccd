// radeau-node: one Raft node as a process (see README.md next to this file).
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTcpSocket>

#include <csignal>
#include <cstdio>

#include "app/i18n/i18n.h"
#include "core/sanitize.h"
#include "core/script.h"
#include "core/top_level.h"
#include "node.h"
#include "core/version.h"

namespace radeau::node {
namespace {
// The help and usage errors in the user's language (installed by run()).
QString tr(const char* text) { return QCoreApplication::translate("radeau::node", text); }  // the context lupdate gives
QByteArray say(const QString& text) { return text.toUtf8(); }

// The exit codes of all three programs: 0 ok, 1 something found or failed, 2 usage or input error.
constexpr int kUsageError = 2;

// radeau-node write --to HOST:PORT (--token T | --token-file F) [--resend W] TEXT...:
// one client write (or the resend of write W) through a node's client port;
// radeau-node read --to HOST:PORT (--token T | --token-file F) KEY: one read.
// Prints the answer.
int clientRequest(const QString& verb, const QStringList& args) {
  const bool read = verb == QStringLiteral("read");
  const QByteArray command = "radeau-node " + verb.toUtf8();
  const char* usage = read ? "radeau-node read --to HOST:CLIENT-PORT (--token T | --token-file F) KEY\n"
                           : "radeau-node write --to HOST:CLIENT-PORT (--token T | --token-file F) [--resend WRITE] [--] TEXT\n";
  // QCommandLineParser as everywhere: --opt value or --opt=value, and -- before a text starting with "-".
  QCommandLineParser cli;
  const QCommandLineOption to_option(QStringLiteral("to"), QString(), QStringLiteral("host:port"));
  const QCommandLineOption token_option(QStringLiteral("token"), QString(), QStringLiteral("token"));
  const QCommandLineOption token_file_option(QStringLiteral("token-file"), QString(), QStringLiteral("file"));
  const QCommandLineOption lang_option(QStringLiteral("lang"), QString(), QStringLiteral("lang"));  // chosen by run()
  const QCommandLineOption resend_option(QStringLiteral("resend"), QString(), QStringLiteral("write"));
  cli.addOptions({to_option, token_option, token_file_option, lang_option});
  if (!read) cli.addOption(resend_option);
  if (!cli.parse(QStringList{QString::fromUtf8(command)} + args)) {
    // An unknown flag is a mistake, not part of the text.
    std::fprintf(stderr, "%s: %s %s\n", command.constData(), radeau::sanitizeText(cli.errorText().toStdString(), 120).c_str(),
                 say(tr("(see radeau-node --help)")).constData());
    return kUsageError;
  }
  QString to = cli.value(to_option), token = cli.value(token_option);
  if (cli.isSet(token_file_option)) {
    QFile f(cli.value(token_file_option));
    if (!f.open(QIODevice::ReadOnly)) {
      std::fprintf(stderr, "%s: %s\n", command.constData(), say(tr("cannot read %1").arg(f.fileName())).constData());
      return kUsageError;
    }
    token = QString::fromUtf8(f.read(4096)).trimmed();  // a token, not a file's worth
  }
  const QString text = cli.positionalArguments().join(QLatin1Char(' '));
  radeau::node::Address addr;
  bool resend_ok = true;
  const uint resend = read || !cli.isSet(resend_option) ? 0 : cli.value(resend_option).toUInt(&resend_ok);
  if (!radeau::node::parseAddress(to, addr, QStringLiteral("127.0.0.1")) || addr.port == 0 || token.isEmpty() || text.isEmpty() ||
      !resend_ok || (cli.isSet(resend_option) && (resend == 0 || resend > radeau::kMaxWriteId))) {
    std::fprintf(stderr, "%s %s", say(tr("usage:")).constData(), usage);
    return kUsageError;
  }
  if (read) {
    if (std::string why = radeau::readKeyProblem(text.toStdString()); !why.empty()) {
      std::fprintf(stderr, "%s: %s\n", command.constData(), radeau::sanitizeText(why, 120).c_str());
      return kUsageError;
    }
  }
  QTcpSocket s;
  s.connectToHost(addr.host, addr.port);
  if (!s.waitForConnected(3000)) {
    std::fprintf(stderr, "%s: cannot connect to %s: %s\n", command.constData(), qPrintable(to), qPrintable(s.errorString()));
    return 1;
  }
  QCborMap hello, write;
  hello.insert(QStringLiteral("t"), QStringLiteral("hello"));
  hello.insert(QStringLiteral("token"), token);
  hello.insert(QStringLiteral("name"), QStringLiteral("client"));
  write.insert(QStringLiteral("t"), verb);
  write.insert(QStringLiteral("id"), 1);
  write.insert(read ? QStringLiteral("key") : QStringLiteral("text"), text);
  if (resend) write.insert(QStringLiteral("write"), qint64(resend));
  s.write(radeau::live::encodeFrame(hello) + radeau::live::encodeFrame(write));
  radeau::live::FrameReader reader;
  std::vector<QCborMap> frames;
  // A new write is first accepted{id,write}: the id to resend it with if its answer never comes.
  qint64 accepted = 0;
  auto isAccepted = [](const QCborMap& f) { return f.value(QStringLiteral("t")).toString() == QStringLiteral("accepted"); };
  while (frames.empty()) {
    if (!s.waitForReadyRead(5000)) {
      std::fprintf(stderr, "%s: no answer (%s)%s\n", command.constData(), qPrintable(s.errorString()),
                   accepted > 0 ? qPrintable(QStringLiteral("; write %1 was accepted: --resend %1 sends it again").arg(accepted)) : "");
      return 1;
    }
    if (!reader.feed(s.readAll(), frames)) {
      std::fprintf(stderr, "%s: %s\n", command.constData(), qPrintable(reader.error()));
      return 1;
    }
    for (auto it = frames.begin(); it != frames.end();) {
      if (!isAccepted(*it)) {
        ++it;
        continue;
      }
      const qint64 w = radeau::live::integerOf(it->value(QStringLiteral("write")), 0);
      if (w > 0 && w <= qint64(radeau::kMaxWriteId)) accepted = w;
      it = frames.erase(it);
    }
  }
  const QCborMap& f = frames.front();
  if (f.value(QStringLiteral("t")).toString() == QStringLiteral("ack")) {
    std::printf("acknowledged: write %lld, index %lld, term %lld\n",
                (long long)radeau::live::integerOf(f.value(QStringLiteral("write"))),
                (long long)radeau::live::integerOf(f.value(QStringLiteral("index"))),
                (long long)radeau::live::integerOf(f.value(QStringLiteral("term"))));
    return 0;
  }
  if (f.value(QStringLiteral("t")).toString() == QStringLiteral("value")) {
    const QString value = f.value(QStringLiteral("text")).toString();
    if (value.isEmpty())
      std::printf("never written (commit index %lld)\n", (long long)radeau::live::integerOf(f.value(QStringLiteral("commit"))));
    else
      std::printf("%s (index %lld, term %lld)\n", radeau::sanitizeText(value.toStdString(), 200).c_str(),
                  (long long)radeau::live::integerOf(f.value(QStringLiteral("index"))),
                  (long long)radeau::live::integerOf(f.value(QStringLiteral("term"))));
    return 0;
  }
  const qint64 failed_write = radeau::live::integerOf(f.value(QStringLiteral("write")), 0);
  std::printf("failed: %s%s\n", radeau::sanitizeText(f.value(QStringLiteral("reason")).toString().toStdString(), 200).c_str(),
              failed_write > 0 ? qPrintable(QStringLiteral(" (write %1: --resend %1 sends it again)").arg(failed_write)) : "");
  return 2;
}

// radeau-node --repair --data-dir DIR [--name NAME --peers LIST]: truncates a damaged
// write-ahead log to its last good record and says what it dropped. Never
// done implicitly: what follows the damage may be acknowledged entries.
int repair(const QStringList& args) {
  // QCommandLineParser as for `write`: --opt value or --opt=value, an unknown option refused.
  QCommandLineParser cli;
  const QCommandLineOption repair_option(QStringLiteral("repair"));
  const QCommandLineOption dir_option(QStringLiteral("data-dir"), QString(), QStringLiteral("dir"));
  const QCommandLineOption name_option(QStringLiteral("name"), QString(), QStringLiteral("name"));
  const QCommandLineOption peers_option(QStringLiteral("peers"), QString(), QStringLiteral("list"));
  const QCommandLineOption lang_option(QStringLiteral("lang"), QString(), QStringLiteral("lang"));  // chosen by run()
  cli.addOptions({repair_option, dir_option, name_option, peers_option, lang_option});
  if (!cli.parse(QStringList{QStringLiteral("radeau-node")} + args) || !cli.positionalArguments().isEmpty()) {
    const QString why = cli.errorText().isEmpty()
                            ? tr("unexpected argument '%1'").arg(cli.positionalArguments().value(0))
                            : cli.errorText();
    std::fprintf(stderr, "radeau-node --repair: %s %s\n", radeau::sanitizeText(why.toStdString(), 120).c_str(),
                 say(tr("(see radeau-node --help)")).constData());
    return kUsageError;
  }
  const QString dir = cli.value(dir_option), name = cli.value(name_option);
  const QStringList peers = cli.value(peers_option).split(u',', Qt::SkipEmptyParts);
  // Votes are checked against the cluster size when it is known (as the node would).
  int nodes = radeau::kMaxNodes;
  if (!peers.isEmpty()) {
    bool self_listed = name.isEmpty();
    for (const QString& p : peers) self_listed |= p.section(u'=', 0, 0).trimmed() == name;
    nodes = int(peers.size()) + (self_listed ? 0 : 1);
  }
  if (dir.isEmpty()) {
    std::fprintf(stderr, "%s radeau-node --repair --data-dir DIR [--name NAME --peers LIST]\n", say(tr("usage:")).constData());
    return kUsageError;
  }
  std::string report, error;
  if (!radeau::node::Wal::repair(dir.toStdString(), nodes, report, error)) {
    std::fprintf(stderr, "radeau-node --repair: %s\n", radeau::sanitizeText(error).c_str());
    return 2;
  }
  for (const QString& line : QString::fromStdString(report).split(u'\n'))
    std::printf("%s%s\n", line.startsWith(u' ') ? "" : "radeau-node --repair: ", radeau::sanitizeText(line.toStdString()).c_str());
  return 0;
}

int run(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("radeau-node"));
  std::signal(SIGPIPE, SIG_IGN);
  QStringList args = app.arguments().mid(1);
  // The language first, so that the help and the usage errors are in it.
  QString error;
  const auto language = radeau::i18n::languageFromArgs(radeau::i18n::langOption(args), radeau::i18n::environmentLocale(), &error);
  if (!language) {
    std::fprintf(stderr, "radeau-node: %s\n", radeau::sanitizeText(error.toStdString()).c_str());
    return kUsageError;
  }
  if (!radeau::i18n::installTranslations(*language))
    std::fprintf(stderr, "radeau-node: the %s translation did not load; messages stay in English\n",
                 qPrintable(radeau::i18n::languageCode(*language)));
  if (!args.isEmpty() && (args.first() == QStringLiteral("write") || args.first() == QStringLiteral("read")))
    return clientRequest(args.first(), args.mid(1));
  if (args.contains(QStringLiteral("--repair"))) return repair(args);
  if (args.size() == 1 && (args.first() == QStringLiteral("--version") || args.first() == QStringLiteral("-v"))) {
    std::printf("radeau-node %s\n", radeau::version());
    return 0;
  }
  if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
    std::printf("%s\n", say(tr("usage:")).constData());
    std::puts(
        "  radeau-node --name NAME --peers NAME=HOST:PORT,... --data-dir DIR\n"
        "              (--token TOKEN | --token-file FILE) [--listen HOST:PORT]\n"
        "              [--client-port PORT] [--observer HOST:PORT] [--concepts SPEC]\n"
        "              [--election-ms MIN-MAX] [--heartbeat-ms MS] [--delay-ms MIN-MAX]\n"
        "              [--seed N] [--heartbeat-paced] [--snapshot-entries N] [--lang en|fr]\n"
        "              [--port-file FILE] [--members NAME,...]\n"
        "  radeau-node write --to HOST:CLIENT-PORT (--token T | --token-file F) [--resend WRITE] [--] TEXT\n"
        "  radeau-node read --to HOST:CLIENT-PORT (--token T | --token-file F) KEY\n"
        "  radeau-node --repair --data-dir DIR [--name NAME --peers LIST]\n"
        "  radeau-node --help | --version\n");
    std::fputs(say(tr("One Raft node as a process; with the others it forms a live cluster.\n"
                      "Give every node the same --peers list (its own entry included): node ids follow it.\n"
                      "--delay-ms holds each message for its latency draw (from the node's seed) before\n"
                      "sending it, so that a person can follow messages at real speed.\n"
                      "A leader sends new entries as soon as a batch of writes arrives; with\n"
                      "--heartbeat-paced (implied by --delay-ms) only with its heartbeats.\n"
                      "With snapshots a node compacts every 8 applied entries, as in the talk;\n"
                      "--snapshot-entries N makes it every N (a busy cluster wants thousands).\n"
                      "A write-ahead log damaged anywhere but in its last record stops the node\n"
                      "(exit 2, the file untouched); --repair truncates it to its last good record.\n"
                      "write sends one client write to a node's client port and prints the answer.\n"
                      "--lang en|fr: help and messages in English or French (default: the\n"
                      "environment's language, from LANGUAGE, LC_ALL, LC_MESSAGES or LANG).\n"
                      "Exit status: 0 success, 1 failure, 2 usage or input error.\n"))
                   .constData(),
               stdout);
    return 0;
  }
  radeau::node::NodeOptions options;
  if (!radeau::node::parseNodeOptions(args, options, error)) {
    std::fprintf(stderr, "radeau-node: %s %s\n", radeau::sanitizeText(error.toStdString()).c_str(),
                 say(tr("(see --help)")).constData());
    return kUsageError;
  }
  radeau::node::Node node(std::move(options));
  if (!node.start(error)) {
    std::fprintf(stderr, "radeau-node: %s\n", radeau::sanitizeText(error.toStdString()).c_str());
    return node.dataDamaged() ? 2 : 1;
  }
  return app.exec();
}
}  // namespace
}  // namespace radeau::node

int main(int argc, char** argv) {
  return radeau::guarded("radeau-node", [&] { return radeau::node::run(argc, argv); });
}
