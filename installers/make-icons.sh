#!/usr/bin/env bash
# Regenerates every raster image from its SVG; the outputs are committed so a
# build needs none of these tools. Run from anywhere after changing an SVG:
#   installers/make-icons.sh
# Needs (Debian): librsvg2-bin (rsvg-convert), icnsutils (png2icns),
# imagemagick (convert).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
svg="$root/resources/icons/app.svg"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for tool in rsvg-convert png2icns convert; do
    command -v "$tool" >/dev/null || {
        echo "make-icons.sh: '$tool' is missing; install librsvg2-bin, icnsutils and imagemagick" >&2
        exit 1
    }
done

render() { # render SVG SIZE OUT
    rsvg-convert --width "$2" --height "$2" --keep-aspect-ratio "$1" --output "$3"
}

# macOS .icns: png2icns takes one PNG per size it supports.
icns_pngs=()
for size in 16 32 48 128 256 512 1024; do
    render "$svg" "$size" "$work/icns-$size.png"
    icns_pngs+=("$work/icns-$size.png")
done
png2icns "$root/resources/icons/app.icns" "${icns_pngs[@]}" >/dev/null

# Windows .ico: the sizes Explorer and the taskbar ask for. -strip keeps
# timestamps out, so an unchanged SVG gives an unchanged file.
ico_pngs=()
for size in 16 20 24 32 40 48 64 256; do
    render "$svg" "$size" "$work/ico-$size.png"
    ico_pngs+=("$work/ico-$size.png")
done
convert "${ico_pngs[@]}" -strip "$root/resources/icons/app.ico"

# Linux hicolor theme PNGs (the scalable SVG is installed as is).
mkdir -p "$root/installers/linux/icons"
for size in 16 24 32 48 64 128 256 512; do
    render "$svg" "$size" "$root/installers/linux/icons/$size.png"
done

# The .dmg window background, the size of the 640x400 window it fills.
rsvg-convert --width 640 --height 400 "$root/installers/macos/dmg-background.svg" \
    --output "$root/installers/macos/dmg-background.png"

echo "make-icons.sh: wrote resources/icons/app.icns, resources/icons/app.ico," \
     "installers/linux/icons/*.png and installers/macos/dmg-background.png"
