#!/usr/bin/env bash
# Offline checks of the Terraform deployment: fmt, init (no backend), validate, and
# `terraform test` against a mocked AWS provider. Run by `npm test`; safe to run on its own.
#
# Skips (exit 0, loudly) only when Terraform or the AWS provider is unavailable, so a machine
# without them can still run the rest of the suite; every other failure fails the run.
set -euo pipefail

banner() {
  printf '\n==================================================================\n'
  printf '%s\n' "$@"
  printf '==================================================================\n\n'
}

if ! command -v terraform >/dev/null 2>&1; then
  banner "SKIPPED: terraform not found — Terraform checks did not run"
  exit 0
fi

cd "$(dirname "${BASH_SOURCE[0]}")/../terraform"

export TF_IN_AUTOMATION=1 TF_INPUT=0
color=()
[ -t 1 ] || color=(-no-color)

echo "terraform-test: fmt"
terraform fmt -check -recursive -diff "${color[@]}"

# .terraform/ and the lock file are gitignored; nothing else is written to the tree.
init_args=(-backend=false -input=false "${color[@]}")
# A local provider mirror (offline machines) is used when present; otherwise the registry.
plugin_dir="${TF_PLUGIN_DIR:-/opt/tf-plugins}"
if [ -d "$plugin_dir" ]; then
  init_args+=("-plugin-dir=$plugin_dir")
fi

echo "terraform-test: init ${init_args[*]}"
init_log="$(mktemp)"
trap 'rm -f "$init_log"' EXIT
if ! terraform init "${init_args[@]}" >"$init_log" 2>&1; then
  if grep -qiE 'Failed to query available provider packages|Failed to install provider|Could not retrieve the list of available versions|could not connect to registry|no available releases match|Incompatible provider version|Error while installing hashicorp/' "$init_log"; then
    cat "$init_log" >&2
    banner "SKIPPED: the hashicorp/aws provider could not be obtained — Terraform validate/test did not run"
    exit 0
  fi
  cat "$init_log" >&2
  echo "terraform-test: init failed" >&2
  exit 1
fi

echo "terraform-test: validate"
terraform validate "${color[@]}"

echo "terraform-test: test"
terraform test "${color[@]}"
