#!/usr/bin/env python3
"""A plain-Python microgpt, written from ../shared/reference-semantics.md: the
course variant, Karpathy's final gist (--variant gist) and any mix of their
differences (--init-std, --zero-init-proj, --activation, --lr-schedule, as in
microgpt-tui).  Used only to make golden files for settings the shipped golden
runs do not cover.  Slow (a scalar autograd graph), so it is run by hand, never
by `make test`:

    python3 tests/tools/microgpt_ref.py --data FILE --steps 3 [options] > out.ref

Output: the reference's stdout split at its newlines, each piece prefixed with
'#' (the gist's step lines end in '\r', so they share one such line), and one
TSV line per step (step, doc, loss, lr_t, per-position losses, floats as repr).
Joining the '#' lines with newlines gives the stdout byte for byte.

--change STEP:NAME=VALUE[,NAME=VALUE...] (repeatable) assigns learning_rate
(lr), beta1, beta2 or temperature at the top of step STEP's iteration (1-based),
for the "what if" goldens.

Looking inside the model (issue 13), all as extra TSV lines, floats as repr:
--probe NAME (repeatable) prints, after the samples, one stdout line per name
with its per-position losses and their mean under the final model (what
microgpt-tui --headless --probe prints), and a TSV line
"probe NAME final MEAN LOSSES PTARGETS"; --probe-at STEP (repeatable) adds the
same line for each name under the model step STEP's forward uses (1-based;
STEP instead of "final").  --attention STEP prints each head's attention
weights during step STEP's forward ("attn STEP LAYER HEAD POS W0 .. WPOS").
--after STEP runs step STEP's own name again through the parameters its update
made ("after STEP MEAN LOSSES").  --movers STEP:K lists the K parameters step
STEP's update moved most, |delta| descending then index ascending ("mover STEP
RANK INDEX GRAD M_HAT V_HAT DELTA").

Checked against the real programs: with no options its run is the course's
tests/golden/reference-default.{log,tsv}, and with --variant gist (about ten
minutes) the gist's tests/golden/gist-default.{log,tsv}, byte for byte."""
import argparse
import math
import random


class Value:
    __slots__ = ('data', 'grad', '_children', '_local_grads')

    def __init__(self, data, children=(), local_grads=()):
        self.data = data
        self.grad = 0
        self._children = children
        self._local_grads = local_grads

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, (self, other), (1, 1))

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, (self, other), (other.data, self.data))

    def __pow__(self, other):
        return Value(self.data**other, (self,), (other * self.data**(other - 1),))

    def log(self):
        return Value(math.log(self.data), (self,), (1 / self.data,))

    def exp(self):
        return Value(math.exp(self.data), (self,), (math.exp(self.data),))

    def relu(self):
        return Value(max(0, self.data), (self,), (float(self.data > 0),))

    def __neg__(self):
        return self * -1

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return other + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * other**-1

    def __rtruediv__(self, other):
        return other * self**-1

    def backward(self):
        topo, visited = [], set()

        def build_topo(v):
            if v not in visited:
                visited.add(v)
                for child in v._children:
                    build_topo(child)
                topo.append(v)
        build_topo(self)
        self.grad = 1
        for v in reversed(topo):
            for child, local_grad in zip(v._children, v._local_grads):
                child.grad += local_grad * v.grad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', required=True)
    ap.add_argument('--variant', choices=('course', 'gist'), default='course')
    ap.add_argument('--steps', type=int)
    ap.add_argument('--seed', type=int, default=42)
    ap.add_argument('--lr', type=float, default=0.01)
    ap.add_argument('--beta1', type=float)
    ap.add_argument('--beta2', type=float)
    ap.add_argument('--n-embd', type=int, default=16)
    ap.add_argument('--n-head', type=int, default=4)
    ap.add_argument('--n-layer', type=int, default=1)
    ap.add_argument('--block-size', type=int)
    ap.add_argument('--init-std', type=float)
    ap.add_argument('--zero-init-proj', dest='zero_init_proj', action='store_const', const=True)
    ap.add_argument('--no-zero-init-proj', dest='zero_init_proj', action='store_const', const=False)
    ap.add_argument('--activation', choices=('relu2', 'relu'))
    ap.add_argument('--lr-schedule', choices=('cosine', 'linear'))
    ap.add_argument('--temperature', type=float, default=0.5)
    ap.add_argument('--samples', type=int, default=20)
    ap.add_argument('--no-shuffle', action='store_true')
    ap.add_argument('--stop-after', type=int, default=None, help='train only this many of --steps')
    ap.add_argument('--change', action='append', default=[],
                    help='STEP:NAME=VALUE[,NAME=VALUE...]: assigned at the top of step STEP (1-based)')
    ap.add_argument('--probe', action='append', default=[], help='a name scored under the final model')
    ap.add_argument('--probe-at', type=int, action='append', default=[], help='... and under step STEP\'s model')
    ap.add_argument('--attention', type=int, action='append', default=[], help='attention weights of step STEP')
    ap.add_argument('--after', type=int, action='append', default=[], help='step STEP\'s name after its update')
    ap.add_argument('--movers', action='append', default=[], help='STEP:K: the K parameters STEP moved most')
    a = ap.parse_args()
    gist = a.variant == 'gist'
    # what the variant sets, unless given explicitly
    preset = {'steps': 1000, 'beta1': 0.85, 'beta2': 0.99, 'block_size': 16, 'init_std': 0.08,
              'zero_init_proj': False, 'activation': 'relu', 'lr_schedule': 'linear'} if gist else \
             {'steps': 500, 'beta1': 0.9, 'beta2': 0.95, 'block_size': 8, 'init_std': 0.02,
              'zero_init_proj': True, 'activation': 'relu2', 'lr_schedule': 'cosine'}
    for k, val in preset.items():
        if getattr(a, k) is None:
            setattr(a, k, val)
    import sys
    sys.setrecursionlimit(1000000)

    pending = ['']

    def emit(text):
        """The reference's stdout: each finished line as a '#' line."""
        lines = (pending[0] + text).split('\n')
        for line in lines[:-1]:
            print('#' + line)
        pending[0] = lines[-1]

    random.seed(a.seed)
    if gist:
        docs = [line.strip() for line in open(a.data, encoding='utf-8') if line.strip()]
    else:
        docs = [l.strip() for l in open(a.data, encoding='utf-8').read().strip().split('\n') if l.strip()]
    if not a.no_shuffle:
        random.shuffle(docs)
    uchars = sorted(set(''.join(docs)))
    BOS = len(uchars)
    vocab_size = len(uchars) + 1
    n_embd, n_head, n_layer, block_size = a.n_embd, a.n_head, a.n_layer, a.block_size
    head_dim = n_embd // n_head
    matrix = lambda nout, nin, std=a.init_std: [[Value(random.gauss(0, std)) for _ in range(nin)] for _ in range(nout)]
    proj_std = 0 if a.zero_init_proj else a.init_std
    sd = {'wte': matrix(vocab_size, n_embd), 'wpe': matrix(block_size, n_embd), 'lm_head': matrix(vocab_size, n_embd)}
    for i in range(n_layer):
        sd[f'layer{i}.attn_wq'] = matrix(n_embd, n_embd)
        sd[f'layer{i}.attn_wk'] = matrix(n_embd, n_embd)
        sd[f'layer{i}.attn_wv'] = matrix(n_embd, n_embd)
        sd[f'layer{i}.attn_wo'] = matrix(n_embd, n_embd, std=proj_std)
        sd[f'layer{i}.mlp_fc1'] = matrix(4 * n_embd, n_embd)
        sd[f'layer{i}.mlp_fc2'] = matrix(n_embd, 4 * n_embd, std=proj_std)
    params = [p for mat in sd.values() for row in mat for p in row]
    emit(f"num docs: {len(docs)}\n")
    emit(f"vocab size: {vocab_size}\n")
    emit(f"num params: {len(params)}\n")

    def linear(x, w):
        return [sum(wi * xi for wi, xi in zip(wo, x)) for wo in w]

    def softmax(logits):
        max_val = max(val.data for val in logits)
        exps = [(val - max_val).exp() for val in logits]
        total = sum(exps)
        return [e / total for e in exps]

    def rmsnorm(x):
        ms = sum(xi * xi for xi in x) / len(x)
        scale = (ms + 1e-5) ** -0.5
        return [xi * scale for xi in x]

    capture = None

    def gpt(token_id, pos_id, keys, values):
        x = [t + p for t, p in zip(sd['wte'][token_id], sd['wpe'][pos_id])]
        x = rmsnorm(x)
        for li in range(n_layer):
            x_residual = x
            x = rmsnorm(x)
            q = linear(x, sd[f'layer{li}.attn_wq'])
            k = linear(x, sd[f'layer{li}.attn_wk'])
            v = linear(x, sd[f'layer{li}.attn_wv'])
            keys[li].append(k)
            values[li].append(v)
            x_attn = []
            for h in range(n_head):
                hs = h * head_dim
                q_h = q[hs:hs + head_dim]
                k_h = [ki[hs:hs + head_dim] for ki in keys[li]]
                v_h = [vi[hs:hs + head_dim] for vi in values[li]]
                attn_logits = [sum(q_h[j] * k_h[t][j] for j in range(head_dim)) / head_dim**0.5 for t in range(len(k_h))]
                attn_weights = softmax(attn_logits)
                if capture is not None:
                    capture.append((li, h, len(k_h) - 1, [w.data for w in attn_weights]))
                head_out = [sum(attn_weights[t] * v_h[t][j] for t in range(len(v_h))) for j in range(head_dim)]
                x_attn.extend(head_out)
            x = linear(x_attn, sd[f'layer{li}.attn_wo'])
            x = [p + q for p, q in zip(x, x_residual)]
            x_residual = x
            x = rmsnorm(x)
            x = linear(x, sd[f'layer{li}.mlp_fc1'])
            x = [xi.relu() ** 2 for xi in x] if a.activation == 'relu2' else [xi.relu() for xi in x]
            x = linear(x, sd[f'layer{li}.mlp_fc2'])
            x = [p + q for p, q in zip(x, x_residual)]
        return linear(x, sd['lm_head'])

    # --change: what the loop assigns at the top of an iteration, by 0-based step
    changes = {}
    for spec in a.change:
        at, _, assignments = spec.partition(':')
        for assignment in assignments.split(','):
            name, _, value = assignment.partition('=')
            assert name in ('lr', 'beta1', 'beta2', 'temperature'), name
            changes.setdefault(int(at) - 1, []).append((name, float(value)))

    def score(doc):
        """doc as a training step scores it: per position loss and p(target), and the mean."""
        toks = [BOS] + [uchars.index(ch) for ch in doc] + [BOS]
        n = min(block_size, len(toks) - 1)
        keys, values = [[] for _ in range(n_layer)], [[] for _ in range(n_layer)]
        losses, ptgt = [], []
        for pos_id in range(n):
            probs = softmax(gpt(toks[pos_id], pos_id, keys, values))
            ptgt.append(probs[toks[pos_id + 1]].data)
            losses.append(-probs[toks[pos_id + 1]].log())
        return (1 / n) * sum(losses), losses, ptgt

    def r(xs):
        return ' '.join(repr(x.data if isinstance(x, Value) else x) for x in xs)

    movers = {}
    for spec in a.movers:
        at, _, k = spec.partition(':')
        movers[int(at) - 1] = int(k)
    m = [0.0] * len(params)
    v = [0.0] * len(params)
    for step in range(a.steps if a.stop_after is None else a.stop_after):
        for name, value in changes.get(step, []):
            setattr(a, name, value)
        doc = docs[step % len(docs)]
        tokens = [BOS] + [uchars.index(ch) for ch in doc] + [BOS]
        n = min(block_size, len(tokens) - 1)
        if step + 1 in a.probe_at:
            for name in a.probe:
                mean, ls, pt = score(name)
                print('\t'.join(['probe', name, str(step + 1), repr(mean.data), r(ls), r(pt)]))
        capture = [] if step + 1 in a.attention else None
        keys, values = [[] for _ in range(n_layer)], [[] for _ in range(n_layer)]
        losses = []
        for pos_id in range(n):
            token_id, target_id = tokens[pos_id], tokens[pos_id + 1]
            logits = gpt(token_id, pos_id, keys, values)
            probs = softmax(logits)
            losses.append(-probs[target_id].log())
        loss = (1 / n) * sum(losses)
        for li, h, pos, ws in capture or []:
            print('\t'.join(['attn', str(step + 1), str(li), str(h), str(pos), r(ws)]))
        capture = None
        loss.backward()
        before = [(p.data, p.grad) for p in params]
        if a.lr_schedule == 'cosine':
            lr_t = a.lr * 0.5 * (1 + math.cos(math.pi * step / a.steps))
        else:
            lr_t = a.lr * (1 - step / a.steps)
        for i, p in enumerate(params):
            m[i] = a.beta1 * m[i] + (1 - a.beta1) * p.grad
            v[i] = a.beta2 * v[i] + (1 - a.beta2) * p.grad ** 2
            m_hat = m[i] / (1 - a.beta1 ** (step + 1))
            v_hat = v[i] / (1 - a.beta2 ** (step + 1))
            p.data -= lr_t * m_hat / (v_hat ** 0.5 + 1e-8)
            p.grad = 0
        if step in movers:
            rows = []
            for i, p in enumerate(params):
                p_old, g = before[i]
                m_hat = m[i] / (1 - a.beta1 ** (step + 1))
                v_hat = v[i] / (1 - a.beta2 ** (step + 1))
                rows.append((-abs(p.data - p_old), i, g, m_hat, v_hat, p.data - p_old))
            rows.sort(key=lambda t: (t[0], t[1]))
            for rank, (_, i, g, m_hat, v_hat, d) in enumerate(rows[:movers[step]]):
                print('\t'.join(['mover', str(step + 1), str(rank), str(i), repr(g), repr(m_hat), repr(v_hat),
                                  repr(d)]))
        if step + 1 in a.after:
            mean, ls, pt = score(doc)
            print('\t'.join(['after', str(step + 1), repr(mean.data), r(ls)]))
        emit(f"step {step+1:4d} / {a.steps:4d} | loss {loss.data:.4f}" + ('\r' if gist else '\n'))
        print('\t'.join([str(step + 1), doc, repr(loss.data), repr(lr_t), ' '.join(repr(l.data) for l in losses)]))
    if gist:
        emit("\n--- inference (new, hallucinated names) ---\n")
    elif a.samples:
        emit("\n--- inference ---\n")
    for sample_idx in range(a.samples):
        keys, values = [[] for _ in range(n_layer)], [[] for _ in range(n_layer)]
        token_id = BOS
        sample = []
        for pos_id in range(block_size):
            logits = gpt(token_id, pos_id, keys, values)
            probs = softmax([l / a.temperature for l in logits])
            token_id = random.choices(range(vocab_size), weights=[p.data for p in probs])[0]
            if token_id == BOS:
                break
            sample.append(uchars[token_id])
        emit(f"sample {sample_idx+1:2d}: {''.join(sample)}\n")
    for name in a.probe:
        mean, ls, pt = score(name)
        emit(f"probe {name}: {' '.join(f'{l.data:.4f}' for l in ls)} | mean {mean.data:.4f}\n")
        print('\t'.join(['probe', name, 'final', repr(mean.data), r(ls), r(pt)]))
    emit('')
    if pending[0]:
        print('#' + pending[0])


if __name__ == '__main__':
    main()
