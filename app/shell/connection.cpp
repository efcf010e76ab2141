#include "app/shell/connection.h"

#include <QDir>
#include <QRegularExpression>

#include "core/net/keys.h"

namespace cleave::studio {

QString defaultEventsEndpoint(const QString& control) {
  static const QRegularExpression port(":(\\d+)$");
  const auto m = port.match(control);
  if (!m.hasMatch()) return {};
  const int next = m.captured(1).toInt() + 1;
  return control.left(m.capturedStart(1)) + QString::number(next);
}

std::variant<CloudLinkConfig, QString> linkConfigFor(const ConnectionSettings& s) {
  const QDir keys(s.keys);
  if (!keys.exists()) return QObject::tr("Key folder %1 does not exist").arg(s.keys);
  const QStringList secrets = keys.entryList({"*.key_secret"}, QDir::Files);
  if (secrets.isEmpty()) {
    return QObject::tr(
               "No operator key in %1: create one with 'cleave keygen --out %1 --name "
               "studio' and have the cloud's operator approve it")
        .arg(s.keys);
  }
  if (secrets.size() > 1) {
    return QObject::tr("%1 holds several secret keys (%2); keep only this studio's")
        .arg(s.keys, secrets.join(", "));
  }
  CloudLinkConfig c;
  c.operator_name =
      secrets.first().chopped(int(QStringLiteral(".key_secret").size())).toStdString();
  c.control_endpoint = s.control.toStdString();
  const QString events = s.events.isEmpty() ? defaultEventsEndpoint(s.control) : s.events;
  if (events.isEmpty()) {
    return QObject::tr("Cannot derive the events endpoint from '%1'; enter it").arg(s.control);
  }
  c.events_endpoint = events.toStdString();
  const QString cloud_key = s.cloud_key.isEmpty() ? keys.filePath("cloud.key") : s.cloud_key;
  try {
    c.operator_keys = readKeyPair(s.keys.toStdString(), c.operator_name);
    c.server_public_z85 = readPublicKey(cloud_key.toStdString());
  } catch (const std::exception& e) {
    return QString::fromStdString(e.what());
  }
  return c;
}

}  // namespace cleave::studio
