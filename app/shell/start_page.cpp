#include "app/shell/start_page.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace cleave::studio {

namespace {

constexpr int kMaxRecent = 8;

QGroupBox* card(const QString& title, const QString& blurb, QWidget* parent) {
  auto* box = new QGroupBox(title, parent);
  auto* layout = new QVBoxLayout(box);
  auto* text = new QLabel(blurb, box);
  text->setWordWrap(true);
  layout->addWidget(text);
  return box;
}

QPushButton* primaryButton(const QString& text, QWidget* parent) {
  auto* b = new QPushButton(text, parent);
  b->setDefault(true);
  b->setMinimumHeight(32);
  return b;
}

}  // namespace

StartPage::StartPage(QWidget* parent) : QWidget(parent) {
  auto* title = new QLabel(tr("<h1>Cleave</h1><p>Split a neural network between edge devices "
                              "and the cloud, train it on a fleet, and watch every round.</p>"),
                           this);
  title->setWordWrap(true);
  auto* cards = new QHBoxLayout;
  cards->addWidget(localFleetBox());
  cards->addWidget(connectBox());
  cards->addWidget(replayBox());
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(32, 24, 32, 24);
  layout->addWidget(title);
  layout->addLayout(cards, 1);
  reloadRecent();
}

QWidget* StartPage::localFleetBox() {
  QGroupBox* box = card(tr("Start a local fleet"),
                        tr("Runs a cloud and edge agents on this computer, each with its own "
                           "emulated link and CPU speed."),
                        this);
  QSettings settings;
  m_agents = new QSpinBox(box);
  m_agents->setRange(1, 64);
  m_agents->setValue(settings.value("start/agents", 3).toInt());
  m_use_case = new QComboBox(box);
  m_use_case->addItem(tr("Traffic camera (Fashion-MNIST frames)"), "camera");
  m_use_case->addItem(tr("Smart factory (vibration sensors)"), "factory");
  m_use_case->setCurrentIndex(
      std::max(0, m_use_case->findData(settings.value("start/use_case", "camera"))));
  auto* form = new QFormLayout;
  form->addRow(tr("Edge agents:"), m_agents);
  form->addRow(tr("Scenario:"), m_use_case);
  auto* start = primaryButton(tr("Start local fleet"), box);
  connect(start, &QPushButton::clicked, this, [this] {
    QSettings s;
    s.setValue("start/agents", m_agents->value());
    s.setValue("start/use_case", m_use_case->currentData());
    emit localFleetRequested(m_agents->value(), m_use_case->currentData().toString());
  });
  auto* layout = static_cast<QVBoxLayout*>(box->layout());
  layout->addLayout(form);
  layout->addStretch();
  layout->addWidget(start);
  return box;
}

QWidget* StartPage::connectBox() {
  QGroupBox* box = card(tr("Connect to a cloud"),
                        tr("Attach to a running cleave-cloud. Its operator must have approved "
                           "this studio's key."),
                        this);
  QSettings settings;
  m_control = new QLineEdit(settings.value("connect/control").toString(), box);
  m_control->setPlaceholderText("tcp://cloud.example:7101");
  m_events = new QLineEdit(settings.value("connect/events").toString(), box);
  m_events->setPlaceholderText(tr("default: control port + 1"));
  m_keys = new QLineEdit(settings.value("connect/keys").toString(), box);
  m_keys->setPlaceholderText(tr("folder with operator.key / operator.key_secret"));
  m_cloud_key = new QLineEdit(settings.value("connect/cloud_key").toString(), box);
  m_cloud_key->setPlaceholderText(tr("default: KEYS/cloud.key"));
  auto* browse = new QPushButton(tr("Browse…"), box);
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Operator key folder"), m_keys->text());
    if (!dir.isEmpty()) m_keys->setText(dir);
  });
  auto* keys_row = new QHBoxLayout;
  keys_row->addWidget(m_keys, 1);
  keys_row->addWidget(browse);
  auto* form = new QFormLayout;
  form->addRow(tr("Control endpoint:"), m_control);
  form->addRow(tr("Events endpoint:"), m_events);
  form->addRow(tr("Keys:"), keys_row);
  form->addRow(tr("Cloud key:"), m_cloud_key);
  auto* go = primaryButton(tr("Connect"), box);
  connect(go, &QPushButton::clicked, this, [this] {
    const ConnectionSettings c{m_control->text().trimmed(), m_events->text().trimmed(),
                               m_keys->text().trimmed(), m_cloud_key->text().trimmed()};
    if (c.control.isEmpty() || c.keys.isEmpty()) {
      QMessageBox::warning(this, tr("Connect to a cloud"),
                           tr("Enter the cloud's control endpoint and the folder with this "
                              "studio's operator key."));
      return;
    }
    QSettings s;
    s.setValue("connect/control", c.control);
    s.setValue("connect/events", c.events);
    s.setValue("connect/keys", c.keys);
    s.setValue("connect/cloud_key", c.cloud_key);
    emit connectRequested(c);
  });
  auto* layout = static_cast<QVBoxLayout*>(box->layout());
  layout->addLayout(form);
  layout->addStretch();
  layout->addWidget(go);
  return box;
}

QWidget* StartPage::replayBox() {
  QGroupBox* box =
      card(tr("Open a recorded session"),
           tr("Replay a .cleave session file: every view works as it did live."), this);
  m_recent = new QListWidget(box);
  m_recent->setToolTip(tr("Recent sessions; double-click to open"));
  connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
    emit replayRequested(item->data(Qt::UserRole).toString());
  });
  auto* open = primaryButton(tr("Open session…"), box);
  connect(open, &QPushButton::clicked, this, [this] {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open a recorded session"), QString(),
                                     tr("Cleave sessions (*.cleave);;All files (*)"));
    if (!path.isEmpty()) emit replayRequested(path);
  });
  auto* layout = static_cast<QVBoxLayout*>(box->layout());
  layout->addWidget(new QLabel(tr("Recent:"), box));
  layout->addWidget(m_recent, 1);
  layout->addWidget(open);
  return box;
}

void StartPage::addRecentSession(const QString& path) {
  QSettings s;
  QStringList recent = s.value("start/recent").toStringList();
  recent.removeAll(path);
  recent.prepend(path);
  while (recent.size() > kMaxRecent)
    recent.removeLast();
  s.setValue("start/recent", recent);
  reloadRecent();
}

void StartPage::reloadRecent() {
  m_recent->clear();
  for (const QString& path : QSettings().value("start/recent").toStringList()) {
    const QFileInfo info(path);
    if (!info.exists()) continue;  // a moved or deleted recording is not offered
    auto* item = new QListWidgetItem(info.fileName(), m_recent);
    item->setToolTip(path);
    item->setData(Qt::UserRole, path);
  }
}

}  // namespace cleave::studio
