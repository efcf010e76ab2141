// One device's latest frame with the exit decision drawn on it (Inference page): the image scaled
// up (nearest-neighbour for small frames such as 28x28), a caption "exit 1 · class 7 · 3.2 ms"
// or "cloud · class 7 · 9.8 ms", and a border coloured by who answered. GUI thread only.
#pragma once

#include <QImage>
#include <QString>
#include <QWidget>

namespace cleave::studio {

struct FrameDecision {
  bool cloud = false;   // answered by the cloud's final head, not an exit on the edge
  int exit = 0;         // the exit head that answered (as the model numbers them)
  int prediction = -1;  // class index; < 0 = unknown
  QString class_name;   // optional ("sneaker"), shown after the index
  double latency_ms = 0;
};

class FramePreview : public QWidget {
  Q_OBJECT
 public:
  explicit FramePreview(QWidget* parent = nullptr);

  void setFrame(const QImage& image, const FrameDecision& decision);
  void clear();
  bool hasFrame() const { return !m_image.isNull(); }
  QString caption() const;     // what is drawn under the image
  QColor borderColor() const;  // who answered
  QRect imageRect() const;     // where the image lands in the widget
  QSize sizeHint() const override { return {240, 260}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QImage m_image;
  FrameDecision m_decision;
};

}  // namespace cleave::studio
