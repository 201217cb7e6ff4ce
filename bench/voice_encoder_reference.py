"""Check bench/voice_encoder.py against the real thing: torch and librosa (run in a separate venv).

    python -m venv /tmp/ref && /tmp/ref/bin/pip install torch==2.13.0 librosa numpy scipy
    RESEMBLYZER_WEIGHTS=.../resemblyzer/pretrained.pt /tmp/ref/bin/python bench/voice_encoder_reference.py

Measured 2026-11-25 (torch 2.13.0, librosa 0.11.0): weights identical, mel spectrogram within
1.6e-7 (relative), embeddings within 2.2e-7 of torch's LSTM.
"""
import sys, numpy as np, torch, librosa
sys.path.insert(0, str(__import__('pathlib').Path(__file__).resolve().parent))
import voice_encoder as ve
ck = torch.load(ve.weights_path(), map_location='cpu', weights_only=False)
state = ck['model_state']
ours = ve._weights()
print('weights equal:', all(np.array_equal(state[k].numpy(), ours[k]) for k in ours))
lstm = torch.nn.LSTM(40, 256, 3, batch_first=True); lin = torch.nn.Linear(256, 256)
lstm.load_state_dict({k[5:]: v for k, v in state.items() if k.startswith('lstm.')}); lin.load_state_dict({'weight': state['linear.weight'], 'bias': state['linear.bias']})
rng = np.random.default_rng(0)
wav = (rng.standard_normal(16000 * 3) * 0.1).astype(np.float32) * np.sin(np.linspace(0, 300, 48000)).astype(np.float32)
ref_mel = librosa.feature.melspectrogram(y=wav, sr=16000, n_fft=400, hop_length=160, n_mels=40, pad_mode='reflect').astype(np.float32).T
our_mel = ve.mel_spectrogram(wav)
print('mel max rel diff:', float(np.max(np.abs(ref_mel - our_mel)) / np.max(ref_mel)))
mels = np.stack([our_mel[:160], our_mel[100:260]])
with torch.no_grad():
    _, (h, _) = lstm(torch.from_numpy(mels)); e = torch.relu(lin(h[-1])); e = e / e.norm(dim=1, keepdim=True)
print('embedding max abs diff vs torch:', float(np.max(np.abs(e.numpy() - ve._forward(mels)))))
