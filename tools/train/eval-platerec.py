#!/usr/bin/env python3
# gst-anpr: measures the whole-plate recogniser alone on a labelled set
# (truth.tsv with text and boxes: ../shared/data/openalpr-eu, anpr-synth
# output), reading each labelled box with the margin plateocr gives it.
# Greedy CTC decoding, no plate formats: the network's own share of the
# reader.  For measurement only; nothing here feeds training.
#
#   eval-platerec.py MODEL.onnx SET_DIR [-v]

import argparse
import os
import sys

import cv2
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from importlib import import_module  # noqa: E402

trainer = import_module("train-platerec")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("set")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    net = cv2.dnn.readNetFromONNX(args.model)
    n = ok = 0
    with open(os.path.join(args.set, "truth.tsv")) as f:
        next(f)
        for line in f:
            name, plate, x, y, w, h = line.rstrip("\n").split("\t")[:6]
            if not plate:
                continue
            path = os.path.join(args.set, name)
            if not os.path.exists(path):
                path = os.path.join(args.set, "images", name)
            img = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
            x, y, w, h = int(x), int(y), int(w), int(h)
            mx, my = round(w * 0.10), round(h * 0.15)
            crop = img[max(0, y - my):y + h + my, max(0, x - mx):x + w + mx]
            net.setInput(trainer.prepare(crop)[None, None])
            text = trainer.greedy(net.forward()[0, :, 0, :])
            n += 1
            ok += text == plate
            if args.verbose:
                print(f"{name}\t{plate}\t{text}\t{'OK' if text == plate else ''}")
    print(f"{args.set}: {ok}/{n} read {100.0 * ok / max(n, 1):.1f}%")


if __name__ == "__main__":
    main()
