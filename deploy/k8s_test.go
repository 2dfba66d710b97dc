package deploy

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	sigsjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"
)

const (
	// secretName is the Secret every secretKeyRef must name.
	secretName = "explainbot"
	// podIndexField is where a StatefulSet pod finds its ordinal
	// (Kubernetes >= 1.28 labels its pods with it).
	podIndexField = "metadata.labels['apps.kubernetes.io/pod-index']"
)

// object is one decoded Kubernetes document.
type object struct {
	where string // file#document, for messages
	kind  string
	name  string
	obj   any // a pointer to the k8s.io/api type of kind
}

// kinds maps each kind the manifests may hold to its API version and Go type.
var kinds = map[string]struct {
	apiVersion string
	new        func() any
}{
	"Deployment":              {"apps/v1", func() any { return new(appsv1.Deployment) }},
	"StatefulSet":             {"apps/v1", func() any { return new(appsv1.StatefulSet) }},
	"Service":                 {"v1", func() any { return new(corev1.Service) }},
	"Secret":                  {"v1", func() any { return new(corev1.Secret) }},
	"HorizontalPodAutoscaler": {"autoscaling/v2", func() any { return new(autoscalingv2.HorizontalPodAutoscaler) }},
	"Ingress":                 {"networking.k8s.io/v1", func() any { return new(networkingv1.Ingress) }},
}

var docSeparator = regexp.MustCompile(`(?m)^---[ \t]*$`)

// decodeManifest decodes every document of a manifest file into its API
// type the way the API server does: case-sensitive, rejecting unknown and
// duplicate fields.
func decodeManifest(file string, data []byte) ([]object, error) {
	var objs []object
	for i, doc := range docSeparator.Split(string(data), -1) {
		where := fmt.Sprintf("%s#%d", file, i)
		j, err := yaml.YAMLToJSONStrict([]byte(doc))
		if err != nil {
			return nil, fmt.Errorf("%s: parse YAML: %w", where, err)
		}
		if string(j) == "null" {
			continue // empty, or only comments
		}
		var tm struct {
			APIVersion string `json:"apiVersion"`
			Kind       string `json:"kind"`
		}
		if err := json.Unmarshal(j, &tm); err != nil {
			return nil, fmt.Errorf("%s: read apiVersion and kind: %w", where, err)
		}
		if tm.Kind == "" {
			return nil, fmt.Errorf("%s: document has no kind", where)
		}
		k, ok := kinds[tm.Kind]
		if !ok {
			return nil, fmt.Errorf("%s: unsupported kind %q", where, tm.Kind)
		}
		if tm.APIVersion != k.apiVersion {
			return nil, fmt.Errorf("%s: %s must be apiVersion %s, got %q", where, tm.Kind, k.apiVersion, tm.APIVersion)
		}
		obj := k.new()
		strict, err := sigsjson.UnmarshalStrict(j, obj, sigsjson.DisallowDuplicateFields, sigsjson.DisallowUnknownFields)
		if err != nil {
			return nil, fmt.Errorf("%s: decode %s: %w", where, tm.Kind, err)
		}
		if len(strict) > 0 {
			return nil, fmt.Errorf("%s: decode %s: %w", where, tm.Kind, errors.Join(strict...))
		}
		meta := obj.(metav1.Object)
		if meta.GetName() == "" {
			return nil, fmt.Errorf("%s: %s has no metadata.name", where, tm.Kind)
		}
		if meta.GetNamespace() != "" {
			return nil, fmt.Errorf("%s: %s sets metadata.namespace; the manifests are namespace-less (kubectl -n)", where, tm.Kind)
		}
		objs = append(objs, object{where: where, kind: tm.Kind, name: meta.GetName(), obj: obj})
	}
	return objs, nil
}

// workload is what a Service, an HPA or an Ingress can point at.
type workload struct {
	kind, name string
	labels     map[string]string
	spec       *corev1.PodSpec
}

func workloadsOf(objs []object) []workload {
	var ws []workload
	for _, o := range objs {
		switch x := o.obj.(type) {
		case *appsv1.Deployment:
			ws = append(ws, workload{o.kind, o.name, x.Spec.Template.Labels, &x.Spec.Template.Spec})
		case *appsv1.StatefulSet:
			ws = append(ws, workload{o.kind, o.name, x.Spec.Template.Labels, &x.Spec.Template.Spec})
		}
	}
	return ws
}

// selects reports whether a Service-style selector picks pods with labels.
func selects(selector, labels map[string]string) bool {
	if len(selector) == 0 {
		return false
	}
	for k, v := range selector {
		if labels[k] != v {
			return false
		}
	}
	return true
}

// selected returns the workloads whose pods a selector picks.
func selected(objs []object, selector map[string]string) []workload {
	var ws []workload
	for _, w := range workloadsOf(objs) {
		if selects(selector, w.labels) {
			ws = append(ws, w)
		}
	}
	return ws
}

// containerPort resolves a probe or Service port, by number or by name.
func containerPort(spec *corev1.PodSpec, port intstr.IntOrString) (int32, bool) {
	if port.Type == intstr.Int {
		return port.IntVal, port.IntVal != 0
	}
	for _, c := range spec.Containers {
		for _, p := range c.Ports {
			if p.Name == port.StrVal {
				return p.ContainerPort, true
			}
		}
	}
	return 0, false
}

func (p *problems) lintK8s(objs []object) {
	var secret *corev1.Secret
	for _, o := range objs {
		if s, ok := o.obj.(*corev1.Secret); ok && s.Name == secretName {
			secret = s
		}
	}
	for _, o := range objs {
		switch x := o.obj.(type) {
		case *appsv1.Deployment:
			p.lintDeployment(o.where, x, secret)
		case *appsv1.StatefulSet:
			p.lintStatefulSet(o.where, x, objs, secret)
		case *corev1.Service:
			p.lintService(o.where, x, objs)
		case *autoscalingv2.HorizontalPodAutoscaler:
			p.lintHPA(o.where, x, objs)
		case *networkingv1.Ingress:
			p.lintIngress(o.where, x, objs)
		}
	}
}

func lintK8s(objs []object) []string {
	var p problems
	p.lintK8s(objs)
	return p
}

func (p *problems) lintSelector(where string, sel *metav1.LabelSelector, labels map[string]string) {
	switch {
	case sel == nil || len(sel.MatchLabels) == 0:
		p.addf("%s: selector needs matchLabels", where)
	case len(sel.MatchExpressions) > 0:
		p.addf("%s: selector uses matchExpressions; keep to matchLabels so Services can mirror it", where)
	case !selects(sel.MatchLabels, labels):
		p.addf("%s: selector %v does not match the template labels %v", where, sel.MatchLabels, labels)
	}
}

// lintPod checks what both modes share and returns the container's
// environment by name.
func (p *problems) lintPod(where string, spec *corev1.PodSpec, secret *corev1.Secret) map[string]corev1.EnvVar {
	env := map[string]corev1.EnvVar{}
	if len(spec.Containers) != 1 {
		p.addf("%s: want exactly one container, got %d", where, len(spec.Containers))
		return env
	}
	c := spec.Containers[0]
	where = fmt.Sprintf("%s container %s", where, c.Name)

	if len(c.EnvFrom) > 0 {
		p.addf("%s: envFrom hides which variables are set; list them under env", where)
	}
	for _, e := range c.Env {
		if _, dup := env[e.Name]; dup {
			p.addf("%s: %s is set twice", where, e.Name)
		}
		env[e.Name] = e
		p.checkEnvName(where, e.Name)
		if isSecret(e.Name) && (e.Value != "" || e.ValueFrom == nil || e.ValueFrom.SecretKeyRef == nil) {
			p.addf("%s: %s must come from a secretKeyRef", where, e.Name)
		}
		if e.ValueFrom != nil && e.ValueFrom.SecretKeyRef != nil {
			ref := e.ValueFrom.SecretKeyRef
			if ref.Name != secretName || ref.Key != e.Name {
				p.addf("%s: %s reads secret %s key %s; want secret %s key %s", where, e.Name, ref.Name, ref.Key, secretName, e.Name)
			}
			if secret != nil {
				_, inData := secret.Data[ref.Key]
				_, inString := secret.StringData[ref.Key]
				if !inData && !inString {
					p.addf("%s: the example Secret has no key %s", where, ref.Key)
				}
			}
		}
	}
	if e, ok := env["LISTEN_ADDR"]; ok {
		if _, port, err := net.SplitHostPort(e.Value); err != nil || port != strconv.Itoa(binaryPort) {
			p.addf("%s: LISTEN_ADDR %q is not port %d, which the probes and Services use", where, e.Value, binaryPort)
		}
	}
	if !slices.ContainsFunc(c.Ports, func(cp corev1.ContainerPort) bool { return cp.ContainerPort == binaryPort }) {
		p.addf("%s: no containerPort %d", where, binaryPort)
	}

	probes := []struct {
		name  string
		probe *corev1.Probe
		path  string // required path; "" for any served one
	}{
		{"readinessProbe", c.ReadinessProbe, "/readyz"},
		// Liveness must not depend on the index or the gateway: a
		// disconnected gateway is a reason to stop routing, not to restart.
		{"livenessProbe", c.LivenessProbe, "/healthz"},
		{"startupProbe", c.StartupProbe, ""},
	}
	for _, pr := range probes {
		if pr.probe == nil {
			if pr.path != "" {
				p.addf("%s: no %s", where, pr.name)
			}
			continue
		}
		get := pr.probe.HTTPGet
		if get == nil {
			p.addf("%s: %s must be an httpGet probe", where, pr.name)
			continue
		}
		p.checkPath(where+" "+pr.name, get.Path)
		if pr.path != "" && get.Path != pr.path {
			p.addf("%s: %s must probe %s, got %s", where, pr.name, pr.path, get.Path)
		}
		if port, ok := containerPort(spec, get.Port); !ok || port != binaryPort {
			p.addf("%s: %s port %s is not container port %d", where, pr.name, get.Port.String(), binaryPort)
		}
	}

	nonRoot := spec.SecurityContext != nil && spec.SecurityContext.RunAsNonRoot != nil && *spec.SecurityContext.RunAsNonRoot
	sc := c.SecurityContext
	if sc != nil && sc.RunAsNonRoot != nil {
		nonRoot = *sc.RunAsNonRoot
	}
	if !nonRoot {
		p.addf("%s: runAsNonRoot must be true", where)
	}
	if sc == nil || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
		p.addf("%s: readOnlyRootFilesystem must be true", where)
	}
	if sc == nil || sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
		p.addf("%s: allowPrivilegeEscalation must be false", where)
	}

	for _, r := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		if _, ok := c.Resources.Requests[r]; !ok {
			p.addf("%s: no %s request", where, r)
		}
	}
	if _, ok := c.Resources.Limits[corev1.ResourceMemory]; !ok {
		p.addf("%s: no memory limit", where)
	}

	dataDir, ok := env["DATA_DIR"]
	if !ok || dataDir.Value == "" {
		p.addf("%s: DATA_DIR must be set to a mounted volume", where)
	} else if !slices.ContainsFunc(c.VolumeMounts, func(m corev1.VolumeMount) bool { return m.MountPath == dataDir.Value }) {
		p.addf("%s: DATA_DIR %s is not a volumeMount (the root filesystem is read-only)", where, dataDir.Value)
	}
	return env
}

func (p *problems) lintDeployment(where string, d *appsv1.Deployment, secret *corev1.Secret) {
	where = fmt.Sprintf("%s Deployment %s", where, d.Name)
	p.lintSelector(where, d.Spec.Selector, d.Spec.Template.Labels)
	env := p.lintPod(where, &d.Spec.Template.Spec, secret)
	if _, ok := env["DISCORD_PUBLIC_KEY"]; !ok {
		p.addf("%s: HTTP mode needs DISCORD_PUBLIC_KEY", where)
	}
	if _, ok := env["DISCORD_TOKEN"]; ok {
		p.addf("%s: DISCORD_TOKEN would make every replica open a gateway connection as the same shard; the gateway belongs in the StatefulSet", where)
	}
	for _, name := range messageVars {
		if _, ok := env[name]; ok {
			p.addf("%s: %s does nothing here: HTTP mode receives no messages; it belongs in the StatefulSet", where, name)
		}
	}
}

// messageVars set which channel messages the bot answers, which only a
// gateway receives.
var messageVars = []string{"ANSWER_MENTIONS", "ASK_CHANNELS", "REPLY_PING"}

func (p *problems) lintStatefulSet(where string, s *appsv1.StatefulSet, objs []object, secret *corev1.Secret) {
	where = fmt.Sprintf("%s StatefulSet %s", where, s.Name)
	p.lintSelector(where, s.Spec.Selector, s.Spec.Template.Labels)
	spec := &s.Spec.Template.Spec
	env := p.lintPod(where, spec, secret)
	if _, ok := env["DISCORD_TOKEN"]; !ok {
		p.addf("%s: gateway mode needs DISCORD_TOKEN", where)
	}
	// ASK_CHANNELS decides whether the shards ask for the privileged
	// Message Content intent: it is set, if empty, where it can be seen.
	if _, ok := env["ASK_CHANNELS"]; !ok {
		p.addf("%s: ASK_CHANNELS must be set (empty for none): it decides the Message Content intent every shard asks for", where)
	}

	id := env["SHARD_ID"]
	if id.ValueFrom == nil || id.ValueFrom.FieldRef == nil || id.ValueFrom.FieldRef.FieldPath != podIndexField {
		p.addf("%s: SHARD_ID must come from the pod-index label (fieldRef %s)", where, podIndexField)
	}
	replicas := int32(1) // the API default
	if s.Spec.Replicas != nil {
		replicas = *s.Spec.Replicas
	}
	count := env["SHARD_COUNT"]
	if n, err := strconv.Atoi(count.Value); err != nil || count.ValueFrom != nil || n != int(replicas) {
		p.addf("%s: SHARD_COUNT %q must be a literal equal to replicas %d", where, count.Value, replicas)
	}

	headless := false
	for _, o := range objs {
		if svc, ok := o.obj.(*corev1.Service); ok && svc.Name == s.Spec.ServiceName {
			headless = svc.Spec.ClusterIP == corev1.ClusterIPNone && selects(svc.Spec.Selector, s.Spec.Template.Labels)
		}
	}
	if !headless {
		p.addf("%s: serviceName %q names no headless Service selecting its pods", where, s.Spec.ServiceName)
	}

	claims := map[string]bool{}
	for _, t := range s.Spec.VolumeClaimTemplates {
		claims[t.Name] = true
	}
	if len(spec.Containers) == 1 {
		for _, m := range spec.Containers[0].VolumeMounts {
			if m.MountPath == env["DATA_DIR"].Value && !claims[m.Name] {
				p.addf("%s: DATA_DIR %s is on volume %s, not a volumeClaimTemplate, so the shard's data would not survive a restart", where, m.MountPath, m.Name)
			}
		}
	}
}

func (p *problems) lintService(where string, svc *corev1.Service, objs []object) {
	where = fmt.Sprintf("%s Service %s", where, svc.Name)
	ws := selected(objs, svc.Spec.Selector)
	switch len(ws) {
	case 0:
		p.addf("%s: selector %v selects no workload's pods", where, svc.Spec.Selector)
		return
	case 1:
	default:
		p.addf("%s: selector %v selects pods of several workloads", where, svc.Spec.Selector)
	}
	for _, sp := range svc.Spec.Ports {
		target := sp.TargetPort
		if target.Type == intstr.Int && target.IntVal == 0 {
			target = intstr.FromInt32(sp.Port) // the API default
		}
		if port, ok := containerPort(ws[0].spec, target); !ok || port != binaryPort {
			p.addf("%s: port %d targets %s, not container port %d", where, sp.Port, target.String(), binaryPort)
		}
	}
}

func (p *problems) lintHPA(where string, h *autoscalingv2.HorizontalPodAutoscaler, objs []object) {
	where = fmt.Sprintf("%s HorizontalPodAutoscaler %s", where, h.Name)
	ref := h.Spec.ScaleTargetRef
	found := slices.ContainsFunc(objs, func(o object) bool { return o.kind == "Deployment" && o.name == ref.Name })
	if ref.Kind != "Deployment" || ref.APIVersion != "apps/v1" || !found {
		p.addf("%s: scaleTargetRef %s %s/%s names no Deployment in the manifests", where, ref.APIVersion, ref.Kind, ref.Name)
	}
	minReplicas := int32(1)
	if h.Spec.MinReplicas != nil {
		minReplicas = *h.Spec.MinReplicas
	}
	if minReplicas > h.Spec.MaxReplicas {
		p.addf("%s: minReplicas %d > maxReplicas %d", where, minReplicas, h.Spec.MaxReplicas)
	}
	onCPU := slices.ContainsFunc(h.Spec.Metrics, func(m autoscalingv2.MetricSpec) bool {
		return m.Type == autoscalingv2.ResourceMetricSourceType && m.Resource != nil && m.Resource.Name == corev1.ResourceCPU
	})
	if !onCPU {
		p.addf("%s: no CPU resource metric", where)
	}
}

func (p *problems) lintIngress(where string, ing *networkingv1.Ingress, objs []object) {
	where = fmt.Sprintf("%s Ingress %s", where, ing.Name)
	if len(ing.Spec.TLS) == 0 {
		p.addf("%s: no tls; Discord only calls HTTPS endpoints", where)
	}
	for _, rule := range ing.Spec.Rules {
		if rule.HTTP == nil {
			continue
		}
		for _, path := range rule.HTTP.Paths {
			p.checkPath(where, path.Path)
			if path.Path != "/interactions" {
				p.addf("%s: exposes %s; only /interactions should be public", where, path.Path)
			}
			b := path.Backend.Service
			if b == nil {
				p.addf("%s: %s has no Service backend", where, path.Path)
				continue
			}
			ok := slices.ContainsFunc(objs, func(o object) bool {
				svc, isSvc := o.obj.(*corev1.Service)
				return isSvc && svc.Name == b.Name && slices.ContainsFunc(svc.Spec.Ports, func(sp corev1.ServicePort) bool {
					return (b.Port.Name != "" && sp.Name == b.Port.Name) || (b.Port.Number != 0 && sp.Port == b.Port.Number)
				})
			})
			if !ok {
				port := b.Port.Name
				if port == "" {
					port = strconv.Itoa(int(b.Port.Number))
				}
				p.addf("%s: backend %s port %s is no Service port in the manifests", where, b.Name, port)
			}
		}
	}
}

// loadManifests decodes every manifest under dir, examples/ included.
func loadManifests(t *testing.T, dir string) []object {
	t.Helper()
	var objs []object
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ext := filepath.Ext(path); ext != ".yaml" && ext != ".yml" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		o, err := decodeManifest(path, data)
		objs = append(objs, o...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return objs
}

func TestManifests(t *testing.T) {
	objs := loadManifests(t, "k8s")

	// `kubectl apply -f deploy/k8s/` applies the top level only; examples/
	// holds what must not be applied as it is.
	var got []string
	for _, o := range objs {
		got = append(got, filepath.Dir(o.where)+" "+o.kind+"/"+o.name)
	}
	slices.Sort(got)
	want := []string{
		"k8s Deployment/explainbot-http",
		"k8s HorizontalPodAutoscaler/explainbot-http",
		"k8s Service/explainbot-gateway",
		"k8s Service/explainbot-http",
		"k8s StatefulSet/explainbot-gateway",
		"k8s/examples Ingress/explainbot-http",
		"k8s/examples Secret/explainbot",
	}
	if !slices.Equal(got, want) {
		t.Errorf("objects:\ngot  %q\nwant %q", got, want)
	}

	requireNone(t, lintK8s(objs))

	// The pods run as the image's user, so files the image prepared (and
	// fsGroup-owned volumes) belong to the same UID.
	img := readImage(t)
	for _, w := range workloadsOf(objs) {
		sc := w.spec.SecurityContext
		if sc == nil || sc.RunAsUser == nil || *sc.RunAsUser != int64(img.uid) || sc.FSGroup == nil || *sc.FSGroup != int64(img.uid) {
			t.Errorf("%s %s: runAsUser and fsGroup must be the Dockerfile's USER %d", w.kind, w.name, img.uid)
		}
	}

	for _, o := range objs {
		switch x := o.obj.(type) {
		case *appsv1.Deployment:
			if x.Spec.Replicas == nil || *x.Spec.Replicas != 3 {
				t.Errorf("%s: replicas = %v, want 3", o.where, x.Spec.Replicas)
			}
		case *autoscalingv2.HorizontalPodAutoscaler:
			if x.Spec.MinReplicas == nil || *x.Spec.MinReplicas != 2 || x.Spec.MaxReplicas != 10 {
				t.Errorf("%s: replicas %v..%d, want 2..10", o.where, x.Spec.MinReplicas, x.Spec.MaxReplicas)
			}
		case *corev1.Service:
			if x.Name != "explainbot-http" {
				continue
			}
			ws := selected(objs, x.Spec.Selector)
			if len(ws) != 1 || ws[0].kind != "Deployment" || ws[0].name != "explainbot-http" {
				t.Errorf("%s: selects %v, want Deployment explainbot-http only", o.where, ws)
			}
			if x.Spec.Type != corev1.ServiceTypeClusterIP || len(x.Spec.Ports) != 1 || x.Spec.Ports[0].Port != 80 {
				t.Errorf("%s: want a ClusterIP Service on port 80, got %s %v", o.where, x.Spec.Type, x.Spec.Ports)
			}
		case *corev1.Secret:
			for k, v := range x.StringData {
				if !strings.HasPrefix(v, "REPLACE_WITH_") {
					t.Errorf("%s: %s is not a placeholder", o.where, k)
				}
			}
			if len(x.Data) > 0 {
				t.Errorf("%s: example Secret carries data", o.where)
			}
		}
	}
}

func TestManifestDecodeRejects(t *testing.T) {
	checkFixtures(t, "testdata/k8s-reject", func(path string, data []byte) []string {
		_, err := decodeManifest(path, data)
		if err == nil {
			return nil
		}
		return []string{err.Error()}
	})
}

func TestManifestChecksCatch(t *testing.T) {
	checkFixtures(t, "testdata/k8s-lint", func(path string, data []byte) []string {
		objs, err := decodeManifest(path, data)
		if err != nil {
			t.Fatalf("fixture must decode: %v", err)
		}
		return lintK8s(objs)
	})
}
