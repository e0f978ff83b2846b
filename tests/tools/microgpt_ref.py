#!/usr/bin/env python3
"""A plain-Python microgpt (the course variant), written from
../shared/reference-semantics.md, used only to make golden files for settings
the shipped golden run does not cover.  Slow (a scalar autograd graph), so it
is run by hand, never by `make test`:

    python3 tests/tools/microgpt_ref.py --data FILE --steps 3 [options] > out.tsv

Output: the reference's stdout lines prefixed with '#', then one TSV line per
step (step, doc, loss, lr_t, per-position losses, floats as repr)."""
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
    ap.add_argument('--steps', type=int, default=500)
    ap.add_argument('--seed', type=int, default=42)
    ap.add_argument('--lr', type=float, default=0.01)
    ap.add_argument('--beta1', type=float, default=0.9)
    ap.add_argument('--beta2', type=float, default=0.95)
    ap.add_argument('--n-embd', type=int, default=16)
    ap.add_argument('--n-head', type=int, default=4)
    ap.add_argument('--n-layer', type=int, default=1)
    ap.add_argument('--block-size', type=int, default=8)
    ap.add_argument('--temperature', type=float, default=0.5)
    ap.add_argument('--samples', type=int, default=20)
    ap.add_argument('--no-shuffle', action='store_true')
    ap.add_argument('--stop-after', type=int, default=None, help='train only this many of --steps')
    a = ap.parse_args()
    import sys
    sys.setrecursionlimit(1000000)

    random.seed(a.seed)
    docs = [l.strip() for l in open(a.data, encoding='utf-8').read().strip().split('\n') if l.strip()]
    if not a.no_shuffle:
        random.shuffle(docs)
    uchars = sorted(set(''.join(docs)))
    BOS = len(uchars)
    vocab_size = len(uchars) + 1
    n_embd, n_head, n_layer, block_size = a.n_embd, a.n_head, a.n_layer, a.block_size
    head_dim = n_embd // n_head
    matrix = lambda nout, nin, std=0.02: [[Value(random.gauss(0, std)) for _ in range(nin)] for _ in range(nout)]
    sd = {'wte': matrix(vocab_size, n_embd), 'wpe': matrix(block_size, n_embd), 'lm_head': matrix(vocab_size, n_embd)}
    for i in range(n_layer):
        sd[f'layer{i}.attn_wq'] = matrix(n_embd, n_embd)
        sd[f'layer{i}.attn_wk'] = matrix(n_embd, n_embd)
        sd[f'layer{i}.attn_wv'] = matrix(n_embd, n_embd)
        sd[f'layer{i}.attn_wo'] = matrix(n_embd, n_embd, std=0)
        sd[f'layer{i}.mlp_fc1'] = matrix(4 * n_embd, n_embd)
        sd[f'layer{i}.mlp_fc2'] = matrix(n_embd, 4 * n_embd, std=0)
    params = [p for mat in sd.values() for row in mat for p in row]
    print(f"#num docs: {len(docs)}")
    print(f"#vocab size: {vocab_size}")
    print(f"#num params: {len(params)}")

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
                head_out = [sum(attn_weights[t] * v_h[t][j] for t in range(len(v_h))) for j in range(head_dim)]
                x_attn.extend(head_out)
            x = linear(x_attn, sd[f'layer{li}.attn_wo'])
            x = [p + q for p, q in zip(x, x_residual)]
            x_residual = x
            x = rmsnorm(x)
            x = linear(x, sd[f'layer{li}.mlp_fc1'])
            x = [xi.relu() ** 2 for xi in x]
            x = linear(x, sd[f'layer{li}.mlp_fc2'])
            x = [p + q for p, q in zip(x, x_residual)]
        return linear(x, sd['lm_head'])

    m = [0.0] * len(params)
    v = [0.0] * len(params)
    for step in range(a.steps if a.stop_after is None else a.stop_after):
        doc = docs[step % len(docs)]
        tokens = [BOS] + [uchars.index(ch) for ch in doc] + [BOS]
        n = min(block_size, len(tokens) - 1)
        keys, values = [[] for _ in range(n_layer)], [[] for _ in range(n_layer)]
        losses = []
        for pos_id in range(n):
            token_id, target_id = tokens[pos_id], tokens[pos_id + 1]
            logits = gpt(token_id, pos_id, keys, values)
            probs = softmax(logits)
            losses.append(-probs[target_id].log())
        loss = (1 / n) * sum(losses)
        loss.backward()
        lr_t = a.lr * 0.5 * (1 + math.cos(math.pi * step / a.steps))
        for i, p in enumerate(params):
            m[i] = a.beta1 * m[i] + (1 - a.beta1) * p.grad
            v[i] = a.beta2 * v[i] + (1 - a.beta2) * p.grad ** 2
            m_hat = m[i] / (1 - a.beta1 ** (step + 1))
            v_hat = v[i] / (1 - a.beta2 ** (step + 1))
            p.data -= lr_t * m_hat / (v_hat ** 0.5 + 1e-8)
            p.grad = 0
        print(f"#step {step+1:4d} / {a.steps:4d} | loss {loss.data:.4f}")
        print('\t'.join([str(step + 1), doc, repr(loss.data), repr(lr_t), ' '.join(repr(l.data) for l in losses)]))
    if a.samples:
        print("#")
        print("#--- inference ---")
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
        print(f"#sample {sample_idx+1:2d}: {''.join(sample)}")


if __name__ == '__main__':
    main()
