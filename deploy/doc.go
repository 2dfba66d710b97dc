// Package deploy holds everything needed to run explainbot outside a
// developer's shell: the container image (Dockerfile), Docker Compose, the
// Kubernetes manifests in k8s/ and a systemd unit. See README.md.
//
// The package has no code of its own. Its tests decode every manifest into
// Kubernetes' own API types, rejecting unknown fields, and check the files
// against the binary's own sources of truth: every variable they set must be
// one config.Names lists, and every HTTP path they probe must be one
// httpapi.Paths lists. That keeps the deployment files from drifting away
// from the program they deploy.
package deploy
