//go:build tools

// The programs .ci/peers builds from this module; importing them here keeps their packages in
// go.mod and go.sum.
package controlplane

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
