#!/usr/bin/env bash
# Writes src/test/resources/measured/: every study of caps.sh, run in the smoke profile (minutes, not hours), so that
# the test command can run the notebooks' sections that read studies (src/scripts/test.sh) whether or not the full
# studies have been measured in this checkout. Run it again when a study's file changes shape.
set -euo pipefail
cd "$(dirname "$0")/../.."
export UNSUPERVISED_PROFILE=smoke UNSUPERVISED_MEASURED="$PWD/src/test/resources/measured"
mkdir -p "$UNSUPERVISED_MEASURED"
# Epoch caps that reach at least one of each study's marked epochs (20 for the autoencoders, 60 for the VAE, 10 and
# 20 for the denoiser).
for study in "deep-epochs 20" "sparse-epochs 20" "vae-epochs 60" "denoiser 20" "denoiser 20 2048" \
             "denoiser 20 256 once" "denoiser 10 256 fresh all" "pretraining-protocol 2" "dec-article 300" \
             "dec-keras 1 2" "dec-keras 2 2" "dec-keras 3 2" "idec 1 2" "idec 2 2" "idec 3 2"; do
  bash src/scripts/caps.sh $study
done
