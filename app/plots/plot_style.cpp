#include "app/plots/plot_style.h"

#include <qcustomplot.h>

#include <algorithm>
#include <array>

namespace cleave::studio::plotstyle {

namespace {

constexpr std::array<QRgb, 10> kTableau10 = {
    0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F,
    0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0xBAB0AC,
};

QColor mix(const QColor& a, const QColor& b, double t) {
  t = std::clamp(t, 0.0, 1.0);
  return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * t),
                          static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * t),
                          static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * t));
}

}  // namespace

QColor seriesColor(int index) {
  const int n = static_cast<int>(kTableau10.size());
  return QColor(kTableau10[static_cast<size_t>(((index % n) + n) % n)]);
}

int seriesColorCount() {
  return static_cast<int>(kTableau10.size());
}

QColor phaseColor(Phase phase, const QPalette& palette) {
  switch (phase) {
    case Phase::Edge:
      return QColor(0x4E79A7);
    case Phase::Up:
      return QColor(0xF28E2B);
    case Phase::Cloud:
      return QColor(0x59A14F);
    case Phase::Down:
      return QColor(0xB07AA1);
    case Phase::Wait: {
      // Waiting is "nothing happening": a muted tone between text and background.
      return mix(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.25);
    }
  }
  return Qt::gray;
}

QColor delayColor(double t) {
  const QColor green(0x3CA55C), amber(0xF0B429), red(0xD64545);
  t = std::clamp(t, 0.0, 1.0);
  return t < 0.5 ? mix(green, amber, t * 2.0) : mix(amber, red, (t - 0.5) * 2.0);
}

QColor offlineColor(const QPalette& palette) {
  return mix(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.35);
}

QColor stragglerColor() {
  return QColor(0xD64545);
}

bool isDark(const QPalette& palette) {
  return palette.color(QPalette::Base).lightness() < palette.color(QPalette::Text).lightness();
}

void styleAxis(QCPAxis* axis, const QPalette& palette) {
  const QColor text = palette.color(QPalette::Text);
  const QColor grid = mix(palette.color(QPalette::Base), text, 0.15);
  const QColor subGrid = mix(palette.color(QPalette::Base), text, 0.07);
  axis->setBasePen(QPen(text, 1));
  axis->setTickPen(QPen(text, 1));
  axis->setSubTickPen(QPen(text, 1));
  axis->setTickLabelColor(text);
  axis->setLabelColor(text);
  axis->setSelectedTickLabelColor(text);
  axis->setSelectedLabelColor(text);
  axis->grid()->setPen(QPen(grid, 1, Qt::SolidLine));
  axis->grid()->setSubGridPen(QPen(subGrid, 1, Qt::DotLine));
  axis->grid()->setZeroLinePen(Qt::NoPen);
}

void applyPalette(QCustomPlot* plot, const QPalette& palette) {
  plot->setBackground(palette.brush(QPalette::Base));
  for (QCPAxisRect* rect : plot->axisRects()) {
    rect->setBackground(palette.brush(QPalette::Base));
    for (QCPAxis* axis : rect->axes())
      styleAxis(axis, palette);
  }
  if (plot->legend) {
    QColor legendBg = palette.color(QPalette::Base);
    legendBg.setAlpha(220);
    plot->legend->setBrush(legendBg);
    plot->legend->setBorderPen(QPen(palette.color(QPalette::Mid)));
    plot->legend->setTextColor(palette.color(QPalette::Text));
    plot->legend->setSelectedTextColor(palette.color(QPalette::Text));
  }
  // Titles placed in the layout (QCPTextElement) follow the text colour too.
  for (int i = 0; i < plot->plotLayout()->elementCount(); ++i) {
    if (auto* title = qobject_cast<QCPTextElement*>(plot->plotLayout()->elementAt(i)))
      title->setTextColor(palette.color(QPalette::Text));
  }
}

}  // namespace cleave::studio::plotstyle
