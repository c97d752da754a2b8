#!/usr/bin/env python3
# gst-anpr: trains plateocr's whole-plate recogniser.
#
# A small convolutional network read with CTC: a plate crop, grey, 32x128,
# in; per column of 4 pixels, scores for blank + A-Z0-9 out.  No recurrent
# layer, so OpenCV 4.6's dnn module runs the exported ONNX as it is.
#
# It learns only from anpr-synth renders (tools/train/train-platerec.sh makes
# them), cropped around the plate's box with the slack a detector leaves and
# degraded the way cameras degrade plates (blur, noise, JPEG, low
# resolution, glare, inversion).  No real photograph is used: the dev sets
# in ../shared/data are for measurement only.
#
#   train-platerec.py --data DIR [--data DIR ...] --out model.onnx

import argparse
import os
import random
import sys
import time

import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
IN_H, IN_W = 32, 128
STEPS = IN_W // 4


def load_set(folder, max_box_h=64):
    """(colour image, text, box) per plate of an anpr-synth folder, cut to
    the most slack degrade () can ask for and scaled so that boxes are at
    most @max_box_h high (degrade () lowers resolution further): a few
    GB for tens of thousands of plates."""
    items = []
    with open(os.path.join(folder, "truth.tsv")) as f:
        next(f)
        for line in f:
            name, plate, x, y, w, h = line.rstrip("\n").split("\t")[:6]
            img = cv2.imread(os.path.join(folder, "images", name),
                             cv2.IMREAD_COLOR)
            if img is None or not plate:
                continue
            x, y, w, h = int(x), int(y), int(w), int(h)
            l, t = max(0, x - int(0.35 * w)), max(0, y - int(0.75 * h))
            r = min(img.shape[1], x + w + int(0.35 * w))
            b = min(img.shape[0], y + h + int(0.75 * h))
            img = img[t:b, l:r]
            x, y = x - l, y - t
            s = min(1.0, max_box_h / max(h, 1))
            if s < 1.0:
                img = cv2.resize(img, (max(1, round(img.shape[1] * s)),
                                       max(1, round(img.shape[0] * s))),
                                 interpolation=cv2.INTER_AREA)
                x, y, w, h = (round(x * s), round(y * s), round(w * s),
                              round(h * s))
            items.append((img, plate, (x, y, w, h)))
    return items


BLUR = 1.0 / 87      # of the crop's height: platerec.cpp's kBlur says why


def prepare(gray):
    """What plateocr does to a crop before the network (platerec.cpp):
    a slight blur against the blocks and ringing of real cameras' crops,
    then normalise ().  Training crops are degraded their own way and go
    to normalise () as they are."""
    return normalise(cv2.GaussianBlur(gray, (0, 0), gray.shape[0] * BLUR))


def normalise(gray):
    """Resize to 32x128, then zero mean and unit deviation."""
    g = cv2.resize(gray, (IN_W, IN_H), interpolation=cv2.INTER_AREA
                   if gray.shape[1] > IN_W else cv2.INTER_LINEAR)
    g = g.astype(np.float32)
    m, s = g.mean(), g.std()
    return (g - m) / max(s, 8.0)


def degrade(img, box, rng):
    """A training crop: the plate's box with a detector's slack, degraded."""
    H, W = img.shape[:2]
    x, y, w, h = box
    # Slack: detectors return anything from the character row to the plate
    # with some bumper; cut into the plate only a little (the characters
    # must stay inside).
    l = x - w * rng.uniform(-0.02, 0.12)
    r = x + w + w * rng.uniform(-0.02, 0.12)
    t = y - h * rng.uniform(-0.05, 0.3)
    b = y + h + h * rng.uniform(-0.05, 0.3)
    if rng.random() < 0.15:             # a loose box now and then
        l -= w * rng.uniform(0, 0.2)
        r += w * rng.uniform(0, 0.2)
        t -= h * rng.uniform(0, 0.4)
        b += h * rng.uniform(0, 0.4)
    # a small rotation of the box about its centre, and now and then a
    # slant: a plate seen from the side and deskewed by its rows only
    ang = rng.gauss(0, 2.0)
    cx, cy = (l + r) / 2, (t + b) / 2
    M = cv2.getRotationMatrix2D((cx, cy), ang, 1.0)
    if rng.random() < 0.3:
        sh = rng.gauss(0, 0.1)
        M[0, 1] += sh
        M[0, 2] -= sh * cy
    img = cv2.warpAffine(img, M, (W, H), borderMode=cv2.BORDER_REPLICATE)
    l, r = int(max(0, l)), int(min(W, r))
    t, b = int(max(0, t)), int(min(H, b))
    if r - l < 8 or b - t < 4:
        l, t, r, b = x, y, x + w, y + h
    crop = img[t:b, l:r]

    # colour to grey with random channel weights (cameras and white balance)
    wts = np.array([rng.uniform(0.05, 0.4), rng.uniform(0.3, 0.7),
                    rng.uniform(0.1, 0.5)], np.float32)
    wts /= wts.sum()
    g = (crop.astype(np.float32) * wts).sum(axis=2)

    # resolution: character height from 7 to 40 pixels
    ch = rng.choice([rng.uniform(7, 14), rng.uniform(10, 40)])
    s = ch / max(1.0, 0.6 * crop.shape[0])
    if s < 1.0:
        small = cv2.resize(g, (max(4, int(g.shape[1] * s)),
                               max(3, int(g.shape[0] * s))),
                           interpolation=cv2.INTER_AREA)
        # nearest now and then: the blocky crops of an upscaled still
        g = cv2.resize(small, (g.shape[1], g.shape[0]),
                       interpolation=rng.choice([cv2.INTER_LINEAR,
                                                 cv2.INTER_CUBIC,
                                                 cv2.INTER_LINEAR,
                                                 cv2.INTER_NEAREST]))
    if rng.random() < 0.5:
        k = rng.uniform(0.3, 1.6)
        g = cv2.GaussianBlur(g, (0, 0), k)
    if rng.random() < 0.15:             # horizontal motion blur
        n = rng.randint(3, 7)
        g = cv2.filter2D(g, -1, np.ones((1, n), np.float32) / n)
    # lighting: contrast, brightness, gamma, a shadow or glare gradient
    g = g * rng.uniform(0.4, 1.2) + rng.uniform(-40, 60)
    if rng.random() < 0.3:
        gx = np.linspace(rng.uniform(-60, 60), rng.uniform(-60, 60),
                         g.shape[1], dtype=np.float32)
        g = g + gx[None, :]
    g = np.clip(g, 0, 255)
    if rng.random() < 0.3:
        g = 255.0 * (g / 255.0) ** rng.uniform(0.5, 1.8)
    if rng.random() < 0.08:
        g = 255.0 - g
    g = g + np.random.default_rng(rng.randint(0, 1 << 30)).normal(
        0, rng.uniform(0, 10), g.shape)
    g = np.clip(g, 0, 255).astype(np.uint8)
    if rng.random() < 0.5:
        q = rng.randint(20, 90)
        ok, enc = cv2.imencode(".jpg", g, [cv2.IMWRITE_JPEG_QUALITY, q])
        g = cv2.imdecode(enc, cv2.IMREAD_GRAYSCALE)
    return normalise(g)


class PlateRec(nn.Module):
    """32x128 grey in, (1, 37, 1, 32) scores out: one column of 4 input
    pixels per step, class 0 is CTC's blank."""

    def __init__(self, n_classes=len(ALPHABET) + 1):
        super().__init__()

        def block(i, o, k=3, p=1):
            return [nn.Conv2d(i, o, k, padding=p, bias=False),
                    nn.BatchNorm2d(o), nn.ReLU(inplace=True)]

        self.body = nn.Sequential(
            *block(1, 32), nn.MaxPool2d(2),              # 16x64
            *block(32, 64), nn.MaxPool2d(2),             # 8x32
            *block(64, 128), *block(128, 128),
            nn.MaxPool2d((2, 1)),                        # 4x32
            *block(128, 192), nn.MaxPool2d((2, 1)),      # 2x32
            *block(192, 192, (2, 3), (0, 1)),            # 1x32
            *block(192, 192, (1, 5), (0, 2)),            # context along the row
            nn.Dropout(0.1),
            nn.Conv2d(192, n_classes, 1))

    def forward(self, x):
        return self.body(x)


def load_onnx(model, path):
    """Loads the weights of an exported PlateRec (data/models/platerec.onnx)
    into @model, to fine-tune it.  The export folds each batch norm into
    its convolution: the convolutions get the folded weights and each
    batch norm becomes its folded bias alone (mean 0, variance 1 - eps),
    which training must then leave as it is (freeze_batch_norms)."""
    import onnx
    from onnx import numpy_helper
    m = onnx.load(path)
    init = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    convs = [n for n in m.graph.node if n.op_type == "Conv"]
    layers = list(model.body)
    mine = [i for i, l in enumerate(layers) if isinstance(l, nn.Conv2d)]
    if len(convs) != len(mine):
        sys.exit(f"train-platerec: {path} has {len(convs)} convolutions, "
                 f"the network {len(mine)}")
    with torch.no_grad():
        for node, i in zip(convs, mine):
            conv = layers[i]
            w = torch.from_numpy(init[node.input[1]].copy())
            b = torch.from_numpy(init[node.input[2]].copy())
            if w.shape != conv.weight.shape:
                sys.exit(f"train-platerec: {path}: layer {i} is "
                         f"{tuple(w.shape)}, not {tuple(conv.weight.shape)}")
            conv.weight.copy_(w)
            bn = layers[i + 1] if i + 1 < len(layers) else None
            if isinstance(bn, nn.BatchNorm2d):
                bn.weight.fill_(1.0)
                bn.bias.copy_(b)
                bn.running_mean.zero_()
                bn.running_var.fill_(1.0 - bn.eps)
            else:
                conv.bias.copy_(b)


def freeze_batch_norms(model):
    """Batch norms use their stored statistics (their scale and shift
    still learn): what a fine-tuning from folded weights needs."""
    for layer in model.modules():
        if isinstance(layer, nn.BatchNorm2d):
            layer.eval()


def encode(text):
    return [ALPHABET.index(c) + 1 for c in text]


def greedy(scores):
    """scores: (classes, steps) -> text"""
    best = scores.argmax(0)
    out, prev = [], 0
    for k in best.tolist():
        if k != prev and k != 0:
            out.append(ALPHABET[k - 1])
        prev = k
    return "".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", action="append", required=True)
    ap.add_argument("--val", help="held-out anpr-synth set")
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--batch", type=int, default=96)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=20261121)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--checkpoint",
                    help="also save the trained weights (PyTorch) here")
    ap.add_argument("--init", help="start from these saved weights")
    ap.add_argument("--init-onnx",
                    help="start from this exported network (fine-tuning)")
    args = ap.parse_args()

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    cv2.setNumThreads(1)

    train = []
    for d in args.data:
        train += load_set(d)
    val = load_set(args.val) if args.val else []
    print(f"train-platerec: {len(train)} training plates, {len(val)} held out",
          flush=True)
    rng = random.Random(args.seed)
    vrng = random.Random(args.seed + 1)
    val_x = np.stack([degrade(i, b, vrng) for i, _, b in val]) if val else None

    model = PlateRec()
    if args.init:
        model.load_state_dict(torch.load(args.init))
    if args.init_onnx:
        load_onnx(model, args.init_onnx)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    steps_per_epoch = (len(train) + args.batch - 1) // args.batch
    sched = torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=args.lr, total_steps=args.epochs * steps_per_epoch,
        pct_start=0.15)
    ctc = nn.CTCLoss(blank=0, zero_infinity=True)

    def held_out_read():
        model.eval()
        with torch.no_grad():
            sc = model(torch.from_numpy(val_x).unsqueeze(1)).squeeze(2)
        ok = sum(greedy(sc[i]) == val[i][1] for i in range(len(val)))
        return 100.0 * ok / len(val)

    if args.init_onnx and val_x is not None:
        print(f"start: held-out read {held_out_read():.1f}%", flush=True)
    for epoch in range(args.epochs):
        model.train()
        if args.init_onnx:
            freeze_batch_norms(model)
        order = list(range(len(train)))
        rng.shuffle(order)
        t0, total = time.time(), 0.0
        for s in range(steps_per_epoch):
            idx = order[s * args.batch:(s + 1) * args.batch]
            x = np.stack([degrade(train[i][0], train[i][2], rng)
                          for i in idx])
            texts = [train[i][1] for i in idx]
            x = torch.from_numpy(x).unsqueeze(1)
            y = torch.tensor(sum((encode(t) for t in texts), []))
            ylen = torch.tensor([len(t) for t in texts])
            out = model(x).squeeze(2)                # N, C, T
            logp = F.log_softmax(out, 1).permute(2, 0, 1)  # T, N, C
            loss = ctc(logp, y, torch.full((len(idx),), STEPS), ylen)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item()
        msg = (f"epoch {epoch + 1}/{args.epochs} loss "
               f"{total / steps_per_epoch:.3f} {time.time() - t0:.0f}s")
        if val_x is not None:
            msg += f" held-out read {held_out_read():.1f}%"
        print(msg, flush=True)

    model.eval()
    if args.checkpoint:
        torch.save(model.state_dict(), args.checkpoint)
    dummy = torch.zeros(1, 1, IN_H, IN_W)
    torch.onnx.export(model, dummy, args.out, input_names=["plate"],
                      output_names=["scores"], opset_version=11,
                      do_constant_folding=True)
    # the exported network must agree with the trained one
    net = cv2.dnn.readNetFromONNX(args.out)
    probe = val_x[:8] if val_x is not None else np.random.default_rng(
        0).normal(size=(8, IN_H, IN_W)).astype(np.float32)
    net.setInput(probe[:, None])
    got = net.forward()
    with torch.no_grad():
        want = model(torch.from_numpy(probe).unsqueeze(1)).numpy()
    err = float(np.abs(got - want).max())
    print(f"train-platerec: wrote {args.out} ({os.path.getsize(args.out)} "
          f"bytes), OpenCV dnn vs torch max difference {err:.2e}")
    if err > 1e-3:
        sys.exit("train-platerec: OpenCV dnn disagrees with torch")


if __name__ == "__main__":
    main()
