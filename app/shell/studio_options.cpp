#include "app/shell/studio_options.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace cleave::studio {

ParsedOptions parseStudioOptions(const QStringList& arguments) {
  QCommandLineParser p;
  p.setApplicationDescription(QCoreApplication::translate("StudioOptions",
                                                          "Cleave studio: plan, run and replay "
                                                          "edge-cloud split training."));
  p.addHelpOption();
  p.addVersionOption();
  const QCommandLineOption fleet("local-fleet", "Start a local cloud with N edge agents.", "N");
  const QCommandLineOption use_case("use-case", "Scenario of the local fleet: camera or factory.",
                                    "camera|factory", "camera");
  const QCommandLineOption connect("connect", "Control endpoint of a running cleave-cloud.",
                                   "ENDPOINT");
  const QCommandLineOption events("events", "Its events endpoint (default: control port + 1).",
                                  "ENDPOINT");
  const QCommandLineOption keys("keys", "Directory with this studio's operator key pair.", "DIR");
  const QCommandLineOption cloud_key("cloud-key", "The cloud's public key file.", "FILE");
  const QCommandLineOption replay("replay", "Open a recorded session file.", "FILE");
  const QCommandLineOption shot("screenshot", "Save the main window as PNG (with --quit-after).",
                                "FILE");
  const QCommandLineOption quit("quit-after", "Quit after this many seconds.", "SECONDS");
  const QCommandLineOption page(
      "page", "Page shown first: fleet, model, rounds, inference, session.", "PAGE");
  const QCommandLineOption language("language", "Language for this run, e.g. de or zh_CN.", "LANG");
  p.addOptions(
      {fleet, use_case, connect, events, keys, cloud_key, replay, shot, quit, page, language});
  p.addPositionalArgument("session", "A recorded session file to open (same as --replay).",
                          "[FILE]");

  ParsedOptions out;
  if (!p.parse(arguments)) {
    out.error = p.errorText();
    return out;
  }
  if (p.isSet("help")) {
    out.help = true;
    out.help_text = p.helpText();
    return out;
  }
  StudioOptions o;
  if (p.isSet(fleet)) {
    bool ok = false;
    o.local_fleet = p.value(fleet).toInt(&ok);
    if (!ok || o.local_fleet < 1 || o.local_fleet > 64) {
      out.error = QStringLiteral("--local-fleet: give a number of agents from 1 to 64");
      return out;
    }
  }
  o.use_case = p.value(use_case);
  if (o.use_case != "camera" && o.use_case != "factory") {
    out.error = QStringLiteral("--use-case: 'camera' or 'factory', not '%1'").arg(o.use_case);
    return out;
  }
  o.connect = p.value(connect);
  o.events = p.value(events);
  o.keys = p.value(keys);
  o.cloud_key = p.value(cloud_key);
  o.replay = p.value(replay);
  if (o.replay.isEmpty() && !p.positionalArguments().isEmpty()) {
    o.replay = p.positionalArguments().first();
  }
  if (!o.connect.isEmpty() && o.keys.isEmpty()) {
    out.error = QStringLiteral("--connect needs --keys DIR (the studio's operator key pair)");
    return out;
  }
  if (int(o.local_fleet > 0) + int(!o.connect.isEmpty()) + int(!o.replay.isEmpty()) > 1) {
    out.error = QStringLiteral("choose one of --local-fleet, --connect and --replay");
    return out;
  }
  o.screenshot = p.value(shot);
  if (p.isSet(quit)) {
    bool ok = false;
    o.quit_after_s = p.value(quit).toDouble(&ok);
    if (!ok || o.quit_after_s <= 0) {
      out.error = QStringLiteral("--quit-after: give a positive number of seconds");
      return out;
    }
  }
  if (!o.screenshot.isEmpty() && o.quit_after_s <= 0) {
    out.error = QStringLiteral("--screenshot needs --quit-after SECONDS (when to take it)");
    return out;
  }
  o.page = p.value(page);
  static const QStringList kPages{"", "fleet", "model", "rounds", "inference", "session"};
  if (!kPages.contains(o.page)) {
    out.error = QStringLiteral("--page: one of fleet, model, rounds, inference, session");
    return out;
  }
  o.language = p.value(language);
  out.options = o;
  return out;
}

}  // namespace cleave::studio
