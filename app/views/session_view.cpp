#include "app/views/session_view.h"

#include <QComboBox>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cleave::studio {

namespace {

constexpr int kTimelineSteps = 10000;  // slider resolution over the whole recording

QString clock(qint64 us) {
  const qint64 s = us / 1'000'000;
  return QStringLiteral("%1:%2:%3")
      .arg(s / 3600)
      .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
      .arg(s % 60, 2, 10, QLatin1Char('0'));
}

}  // namespace

SessionView::SessionView(QWidget* parent) : QWidget(parent) {
  m_file = new QLabel(tr("No session file"), this);
  m_file->setTextInteractionFlags(Qt::TextSelectableByMouse);

  m_transport = new QGroupBox(tr("Replay"), this);
  m_play = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Play"), m_transport);
  m_play->setToolTip(tr("Play or pause the recording (Space)"));
  m_play->setShortcut(Qt::Key_Space);
  m_timeline = new QSlider(Qt::Horizontal, m_transport);
  m_timeline->setRange(0, kTimelineSteps);
  m_time = new QLabel(clock(0), m_transport);
  m_speed = new QComboBox(m_transport);
  for (double s : {0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 25.0, 100.0})
    m_speed->addItem(tr("%1×").arg(s), s);
  m_speed->setCurrentIndex(m_speed->findData(1.0));
  auto* transport = new QHBoxLayout(m_transport);
  transport->addWidget(m_play);
  transport->addWidget(m_timeline, 1);
  transport->addWidget(m_time);
  transport->addWidget(new QLabel(tr("Speed:"), m_transport));
  transport->addWidget(m_speed);

  auto* export_box = new QGroupBox(tr("Export"), this);
  auto* csv = new QPushButton(tr("Metrics as CSV…"), export_box);
  auto* plots = new QPushButton(tr("Plots as PNG and SVG…"), export_box);
  auto* export_row = new QHBoxLayout(export_box);
  export_row->addWidget(csv);
  export_row->addWidget(plots);
  export_row->addStretch();

  auto* rounds_box = new QGroupBox(tr("Rounds of this session"), this);
  m_rounds = new QTableWidget(0, 6, rounds_box);
  m_rounds->setHorizontalHeaderLabels({tr("Round"), tr("Duration"), tr("Accuracy"),
                                       tr("Early exit"), tr("Devices"), tr("Stragglers")});
  m_rounds->verticalHeader()->hide();
  m_rounds->horizontalHeader()->setStretchLastSection(true);
  m_rounds->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_rounds->setAlternatingRowColors(true);
  auto* rounds_layout = new QVBoxLayout(rounds_box);
  rounds_layout->addWidget(m_rounds);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_file);
  layout->addWidget(m_transport);
  layout->addWidget(export_box);
  layout->addWidget(rounds_box, 1);

  connect(m_play, &QPushButton::clicked, this,
          [this] { m_playing ? emit pauseRequested() : emit playRequested(); });
  connect(m_timeline, &QSlider::sliderReleased, this, [this] {
    const double f = double(m_timeline->value()) / kTimelineSteps;
    emit seekRequested(m_start_us + qint64(f * double(m_end_us - m_start_us)));
  });
  connect(m_speed, &QComboBox::currentIndexChanged, this,
          [this] { emit speedChosen(m_speed->currentData().toDouble()); });
  connect(csv, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export metrics as CSV to"));
    if (!dir.isEmpty()) emit exportCsvRequested(dir);
  });
  connect(plots, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export plots to"));
    if (!dir.isEmpty()) emit exportPlotsRequested(dir);
  });
  setReplayMode(false);
}

void SessionView::setRounds(const QVector<RoundSummary>& rounds) {
  auto percent = [](double f) {
    return f < 0 ? QString() : QString::number(100 * f, 'f', 1) + "%";
  };
  m_rounds->setRowCount(int(rounds.size()));
  for (int row = 0; row < rounds.size(); ++row) {
    const RoundSummary& r = rounds[row];
    const QString stragglers = r.stragglers.isEmpty() ? QString() : r.stragglers.join(", ");
    const QStringList cells{
        QString::number(r.round),   tr("%1 s").arg(r.round_ms / 1000.0, 0, 'f', 2),
        percent(r.accuracy),        percent(r.exit_rate),
        QString::number(r.devices), stragglers};
    for (int col = 0; col < cells.size(); ++col) {
      auto* item = new QTableWidgetItem(cells[col]);
      if (col < 5) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      m_rounds->setItem(row, col, item);
    }
  }
  if (!rounds.isEmpty()) m_rounds->scrollToBottom();
}

void SessionView::setReplayMode(bool replay) {
  m_transport->setVisible(replay);
}

void SessionView::setSessionFile(const QString& path) {
  m_file->setText(path.isEmpty() ? tr("No session file") : tr("Session file: %1").arg(path));
}

void SessionView::setRange(qint64 start_us, qint64 end_us) {
  m_start_us = start_us;
  m_end_us = std::max(end_us, start_us);
}

void SessionView::setPosition(qint64 t_us) {
  m_time->setText(tr("%1 / %2").arg(clock(t_us - m_start_us), clock(m_end_us - m_start_us)));
  if (m_timeline->isSliderDown() || m_end_us <= m_start_us) return;
  const QSignalBlocker block(m_timeline);
  m_timeline->setValue(
      int(double(t_us - m_start_us) / double(m_end_us - m_start_us) * kTimelineSteps));
}

void SessionView::setPlaying(bool playing) {
  m_playing = playing;
  m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
  m_play->setText(playing ? tr("Pause") : tr("Play"));
}

}  // namespace cleave::studio
