/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The character row of a plate box: the components of character size and
 * shape on one line, found on several binarisations of the box (the row
 * and deskew of platereader.cpp).  C++ only: used by platereader.cpp. */

#ifndef __PLATE_ROW_H__
#define __PLATE_ROW_H__

#include <vector>

#include <opencv2/core.hpp>

namespace anpr
{

const double kCharMaxWidth = 1.1;       /* widest single character, in
                                         * heights; wider is merged ones */

struct Blob
{
  cv::Rect r;
  int area;
  int label;
};

struct Row
{
  std::vector<Blob> blobs;      /* sorted left to right */
  cv::Mat labels;               /* component labels of the mask */
  cv::Mat mask;                 /* characters white on black */
  double score = 0.0;
  double angle = 0.0;           /* degrees, of the line through the centres */
  int median_h = 0;
};

/* Tries the binarisations and returns the best character row on @gray
 * (black text on white or white on black) whose characters are centred
 * in @box. */
Row best_row (const cv::Mat & gray, const cv::Rect & box,
    bool * dark_on_light);

/* The bounding box of the row's characters. */
cv::Rect row_extent (const Row & row);

/* The median of @v; 0 when it is empty. */
double median_of (std::vector<int> v);

}                               /* namespace anpr */

#endif /* __PLATE_ROW_H__ */
