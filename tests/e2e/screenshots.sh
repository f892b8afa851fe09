#!/usr/bin/env bash
# Retakes the README's screenshots: a portal of its own with a small demo installation, in Debian's Chromium,
# then copies the pictures to docs/screenshots. Run from anywhere: tests/e2e/screenshots.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
dotnet test "$here/EnfixPortal.E2E.csproj" --nologo --filter "FullyQualifiedName~ReadmeScreenshotTests"
taken="$(find "$here/bin" -type d -name readme-screenshots | head -n 1)"
cp "$taken"/*.png "$repo/docs/screenshots/"
echo "Copied $(ls "$taken"/*.png | wc -l) screenshots to docs/screenshots."
