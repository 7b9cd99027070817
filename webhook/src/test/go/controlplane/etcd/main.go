// etcd's own command line (the etcd program is etcdmain.Main), at the release k8s.io/kubernetes
// requires, so that the API server talks to the etcd it is tested with.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
