#include "app/plots/frame_preview.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

#include "app/plots/plot_style.h"

namespace cleave::studio {

namespace {
constexpr int kBorder = 5;
// Frames at most this big are scaled by whole pixels without smoothing: digits stay crisp.
constexpr int kSmallFrame = 128;
}  // namespace

FramePreview::FramePreview(QWidget* parent) : QWidget(parent) {
  setMinimumSize(96, 110);
}

void FramePreview::setFrame(const QImage& image, const FrameDecision& decision) {
  m_image = image;
  m_decision = decision;
  update();
}

void FramePreview::clear() {
  m_image = QImage();
  update();
}

QString FramePreview::caption() const {
  if (m_image.isNull()) return tr("No frame yet");
  QString cls;
  if (m_decision.prediction >= 0) {
    cls = m_decision.class_name.isEmpty()
              ? tr("class %1").arg(m_decision.prediction)
              : tr("class %1 (%2)").arg(m_decision.prediction).arg(m_decision.class_name);
  } else {
    cls = tr("no prediction");
  }
  const QString latency = QString::number(m_decision.latency_ms, 'f', 1);
  return m_decision.cloud ? tr("cloud · %1 · %2 ms").arg(cls, latency)
                          : tr("exit %1 · %2 · %3 ms").arg(m_decision.exit).arg(cls, latency);
}

QColor FramePreview::borderColor() const {
  if (m_image.isNull()) return palette().color(QPalette::Mid);
  return m_decision.cloud ? plotstyle::phaseColor(plotstyle::Phase::Cloud, palette())
                          : plotstyle::seriesColor(std::max(0, m_decision.exit));
}

QRect FramePreview::imageRect() const {
  const int captionHeight = fontMetrics().height() + 8;
  const QRect room =
      rect().adjusted(kBorder * 2, kBorder * 2, -kBorder * 2, -kBorder * 2 - captionHeight);
  if (m_image.isNull() || room.width() <= 0 || room.height() <= 0) return room;
  QSize size = m_image.size().scaled(room.size(), Qt::KeepAspectRatio);
  if (m_image.width() <= kSmallFrame && m_image.height() <= kSmallFrame) {
    // Whole-pixel factor so every source pixel becomes an equal square.
    const int factor =
        std::max(1, std::min(room.width() / m_image.width(), room.height() / m_image.height()));
    size = m_image.size() * factor;
  }
  return QRect(QPoint(room.center().x() - size.width() / 2 + 1,
                      room.top() + (room.height() - size.height()) / 2),
               size);
}

void FramePreview::paintEvent(QPaintEvent*) {
  QPainter p(this);
  const QPalette pal = palette();
  p.fillRect(rect(), pal.brush(QPalette::Base));
  const QRect img = imageRect();
  const QColor border = borderColor();
  if (!m_image.isNull()) {
    const bool small = m_image.width() <= kSmallFrame && m_image.height() <= kSmallFrame;
    p.setRenderHint(QPainter::SmoothPixmapTransform, !small);
    p.drawImage(img, m_image);
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
  } else {
    p.fillRect(img, pal.brush(QPalette::AlternateBase));
  }
  // The border says who answered: an exit's colour or the cloud's.
  p.setPen(QPen(border, kBorder, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
  p.setBrush(Qt::NoBrush);
  p.drawRect(img.adjusted(-kBorder / 2 - 1, -kBorder / 2 - 1, kBorder / 2 + 1, kBorder / 2 + 1));

  // The decision is a tag hanging from the frame, in the frame's colour: it never hides pixels.
  QFont f = font();
  f.setBold(true);
  const QFontMetrics metrics(f);
  const QString text = caption();
  const int tagWidth = std::min(width() - 8, metrics.horizontalAdvance(text) + 16);
  const QRect tag(img.center().x() - tagWidth / 2, img.bottom() + kBorder, tagWidth,
                  metrics.height() + 6);
  p.fillRect(tag, border);
  // Black or white text, whichever reads on the tag.
  p.setPen(border.lightnessF() > 0.55 ? Qt::black : Qt::white);
  p.setFont(f);
  p.drawText(tag, Qt::AlignCenter, metrics.elidedText(text, Qt::ElideRight, tag.width() - 8));
}

}  // namespace cleave::studio
