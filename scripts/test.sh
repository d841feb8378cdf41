#!/usr/bin/env bash
# `npm test`: every check, in the order a failure is cheapest to see. Starts its own servers on
# free ports; never needs a running `npm start`.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Lint and format (Biome)"
npx biome ci .

step "Typecheck (tsc, strict)"
npm run typecheck

step "sync-api: unit, DynamoDB (dynalite) and local-stack tests"
npm test -w sync-api

step "web: db, sync and component tests"
npm test -w web

step "Sync simulator: multi-device schedules under faults (fast-check)"
npm run test:sim

step "Build: Lambda zip and web app"
npm run build -w sync-api
npm run build -w web

step "Terraform: fmt, validate, test"
bash scripts/terraform-test.sh

step "End-to-end journeys in Chromium"
CHROMIUM_PATH="$(bash scripts/ensure-chromium.sh)"
export CHROMIUM_PATH
npx playwright test

if [ -f bench/run.ts ]; then
  step "Benchmarks, once at a tiny size (they measure, they do not assert)"
  npm run bench -- --tiny
fi
