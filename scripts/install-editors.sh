#!/usr/bin/env bash
# Installs what the real-editor tests need: Debian's neovim and chromium, and code-server 4.100.3 (the last
# release whose Node engine is 20) into .cache/code-server. Idempotent: a second run only checks.
# Run as root (apt-get). Usage: bash scripts/install-editors.sh
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.100.3
CODE_SERVER_DIR=.cache/code-server
CODE_SERVER_BIN=$CODE_SERVER_DIR/node_modules/.bin/code-server
# @vscode/ripgrep's postinstall looks for this exact archive in its cache before downloading (it cannot
# download here); we seed the cache with Debian's rg.
RIPGREP_CACHE_NAME=vscode-ripgrep-cache-1.15.11
RIPGREP_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

say() { printf 'install-editors: %s\n' "$*"; }

# Debian packages: the editors, the browser, and the headers and tools code-server's native modules build with.
apt_packages=(neovim chromium ripgrep libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config python3 make g++)
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    say "needs root to install: ${missing[*]}" >&2
    exit 1
  fi
  say "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "Debian packages present"
fi

# (its own config folder: code-server writes a default config.yaml on any start, even --version)
export XDG_CONFIG_HOME="$PWD/$CODE_SERVER_DIR/config"
installed_version=$([ -x "$CODE_SERVER_BIN" ] && "$CODE_SERVER_BIN" --version 2>/dev/null || true)
if grep -q "^$CODE_SERVER_VERSION " <<<"$installed_version"; then
  say "code-server $CODE_SERVER_VERSION present in $CODE_SERVER_DIR"
  exit 0
fi

say "installing code-server@$CODE_SERVER_VERSION into $CODE_SERVER_DIR (about 300 MB)"
mkdir -p "$CODE_SERVER_DIR"
install_tmp=$(mktemp -d)
trap 'rm -rf "$install_tmp"' EXIT
mkdir -p "$install_tmp/$RIPGREP_CACHE_NAME" "$install_tmp/rg"
cp "$(command -v rg)" "$install_tmp/rg/rg"
tar -czf "$install_tmp/$RIPGREP_CACHE_NAME/$RIPGREP_ARCHIVE" -C "$install_tmp/rg" rg

# A package.json of its own so npm installs here and not into the project.
[ -f "$CODE_SERVER_DIR/package.json" ] ||
  printf '{ "name": "pyconv-code-server", "private": true }\n' >"$CODE_SERVER_DIR/package.json"

# unsafe_perm: its postinstall refuses to run as root otherwise (npm 11 has no flag for it);
# yes: node-pty's postinstall runs `npx node-gyp` and must not wait for a prompt.
(
  cd "$CODE_SERVER_DIR"
  TMPDIR=$install_tmp npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION"
)
"$CODE_SERVER_BIN" --version | head -n1
say "done"
