import { it } from 'vitest';
import { analyze } from './core/analyze';
import { applyEdits } from './core/text/range';
it('smoke k8s', () => {
  const text = `apiVersion: v1
kind: Service
metadata:
  name: svc
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      hostPID: true
      hostNetwork: true
      securityContext:
        sysctls:
          - name: kernel.msgmax
            value: "1"
      containers:
        - name: agent
          image: example/agent:latest
          imagePullPolicy: IfNotPresent
          securityContext:
            privileged: true
            capabilities:
              add: ["SYS_ADMIN", "NET_RAW"]
          ports:
            - containerPort: 80
              hostPort: 80
          volumeMounts:
            - name: sock
              mountPath: /var/run/docker.sock
      volumes:
        - name: sock
          hostPath:
            path: /var/run/docker.sock
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      runAsUser: 0
  - name: other
    image: busybox:1.36
`;
  const r = analyze(text, 'x.yaml');
  console.log(r.kind, r.error, r.profiles?.map((p) => p.summary));
  for (const f of r.findings) {
    console.log(f.ruleId, f.severity, JSON.stringify(text.split('\n')[f.range.start.line].slice(f.range.start.character, f.range.end.line === f.range.start.line ? f.range.end.character : undefined)), '|', f.message);
    for (const x of f.fixes) { if (x.edits.length) { console.log('   FIX', x.title); const out = applyEdits(text, x.edits); const a = text.split('\n'), b = out.split('\n'); let i = 0; while (i < a.length && a[i] === b[i]) i++; let j = 0; while (j < a.length - i && a[a.length-1-j] === b[b.length-1-j]) j++; console.log('      -' + a.slice(i, a.length - j).join('\n      -')); console.log('      +' + b.slice(i, b.length - j).join('\n      +')); } }
  }
});
