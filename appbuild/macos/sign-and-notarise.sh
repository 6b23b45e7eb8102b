#!/usr/bin/env bash
# macOS release signing (see docs/signing.md): sign the .app with a Developer ID certificate and
# the hardened runtime, rebuild the .dmg, notarise it with Apple and staple the ticket.
set -euo pipefail
cd "$(dirname "$0")/../.."
keychain="$RUNNER_TEMP/signing.keychain-db"
security create-keychain -p "" "$keychain"
security unlock-keychain -p "" "$keychain"
echo "$DEVELOPER_ID_P12" | base64 --decode > "$RUNNER_TEMP/id.p12"
security import "$RUNNER_TEMP/id.p12" -k "$keychain" -P "$DEVELOPER_ID_P12_PASSWORD" -T /usr/bin/codesign
security list-keychains -d user -s "$keychain"
security set-key-partition-list -S apple-tool:,apple: -s -k "" "$keychain"
identity=$(security find-identity -v -p codesigning "$keychain" | grep -o '"Developer ID Application[^"]*"' | head -1 | tr -d '"')
app="dist/listening-post.app"
codesign --force --deep --options runtime --timestamp \
  --entitlements appbuild/macos/entitlements.plist --sign "$identity" "$app"
codesign --verify --deep --strict "$app"
python -c "from appbuild.platforms import macos_dmg; import platform, pathlib; print(macos_dmg(pathlib.Path('dist'), platform.machine().lower()))"
dmg=$(ls dist/listening-post-*-macos-*.dmg)
codesign --sign "$identity" --timestamp "$dmg"
xcrun notarytool submit "$dmg" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
  --password "$APPLE_APP_PASSWORD" --wait
xcrun stapler staple "$dmg"
