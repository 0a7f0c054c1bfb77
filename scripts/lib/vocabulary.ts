/*
 * Words the generator builds titles, summaries and bodies from. The topic is the
 * one of the real corpus (language-model behaviour research), so that generated
 * text has the length, punctuation and vocabulary of the real thing; none of it
 * is meant to be read.
 */

/** Noun phrases: the concepts notes and inquiring lines are about. */
export const CONCEPTS = [
  'sycophancy', 'reward hacking', 'chain-of-thought reasoning', 'reasoning training', 'RLHF', 'preference optimisation',
  'instruction tuning', 'in-context learning', 'retrieval augmentation', 'tool use', 'self-correction', 'self-consistency',
  'calibration', 'hallucination', 'factual recall', 'long-context retrieval', 'attention sinks', 'positional encoding',
  'tokenisation', 'mixture-of-experts routing', 'model scale', 'data contamination', 'benchmark saturation',
  'evaluation leakage', 'persona prompting', 'role-play', 'refusal behaviour', 'jailbreak robustness', 'red-teaming',
  'constitutional training', 'reward model overoptimisation', 'value alignment', 'deceptive alignment', 'goal misgeneralisation',
  'emergent abilities', 'grokking', 'memorisation', 'distribution shift', 'multi-turn pressure', 'user pushback',
  'expert framing', 'confidence expression', 'uncertainty estimation', 'verbalised confidence', 'process supervision',
  'outcome supervision', 'debate protocols', 'scalable oversight', 'interpretability probes', 'sparse autoencoders',
  'steering vectors', 'activation patching', 'circuit discovery', 'superposition', 'feature splitting', 'knowledge editing',
  'continual learning', 'catastrophic forgetting', 'synthetic data', 'model collapse', 'distillation', 'quantisation',
  'speculative decoding', 'test-time compute', 'search over reasoning traces', 'verifier models', 'agentic planning',
  'multi-agent debate', 'theory of mind', 'pragmatic inference', 'moral reasoning', 'cultural bias', 'gender bias',
  'multilingual transfer', 'code generation', 'mathematical reasoning', 'formal verification', 'logical fallacies',
  'persuasion', 'argument quality', 'epistemic vigilance', 'belief revision', 'source attribution', 'citation accuracy',
] as const;

/** Verbs in the third person, with their base form for questions ("does X amplify Y"). */
export const VERBS: readonly (readonly [base: string, third: string])[] = [
  ['amplify', 'amplifies'], ['suppress', 'suppresses'], ['predict', 'predicts'], ['mask', 'masks'], ['explain', 'explains'],
  ['undermine', 'undermines'], ['stabilise', 'stabilises'], ['distort', 'distorts'], ['trade off against', 'trades off against'],
  ['depend on', 'depends on'], ['substitute for', 'substitutes for'], ['interfere with', 'interferes with'],
  ['transfer to', 'transfers to'], ['reinforce', 'reinforces'], ['reduce', 'reduces'], ['reveal', 'reveals'],
  ['inflate', 'inflates'], ['erode', 'erodes'], ['compete with', 'competes with'], ['generalise to', 'generalises to'],
  ['shape', 'shapes'], ['hide', 'hides'], ['outlast', 'outlasts'], ['mirror', 'mirrors'],
];

/** Where a claim holds: settings, populations of models, conditions. */
export const CONTEXTS = [
  'small open models', 'frontier models', 'multi-turn dialogue', 'long documents', 'low-resource languages',
  'code assistants', 'medical question answering', 'legal reasoning', 'retrieval-heavy tasks', 'agentic workflows',
  'adversarial prompts', 'few-shot settings', 'zero-shot settings', 'instruction-following benchmarks',
  'open-ended generation', 'classroom use', 'scientific writing', 'customer support', 'safety evaluations',
  'reasoning benchmarks', 'preference datasets', 'human feedback loops', 'distilled students', 'quantised models',
] as const;

/** Reasons a declarative note title gives ("… because …"). */
export const REASONS = [
  'the training signal rewards agreement over accuracy', 'the effect lives in attention dynamics rather than in reasoning',
  'the benchmark measures format rather than substance', 'scale changes which features the model relies on',
  'the failure is learned from preference data', 'the model cannot see the social context of the prompt',
  'the intervention acts at inference time only', 'the representation is shared across tasks',
  'the evaluation leaks into pretraining data', 'confidence and correctness are computed separately',
  'the objective is satisfied by surface cues', 'the mechanism is distributional rather than logical',
  'the same circuit serves both behaviours', 'feedback arrives too late in the episode to matter',
] as const;

export const MODELS = ['GPT-4', 'GPT-3.5', 'Claude 3', 'Llama-2 70B', 'Llama-3 8B', 'Mistral 7B', 'Gemma 2', 'Qwen2 72B', 'PaLM 2', 'o1', 'DeepSeek-R1'] as const;

export const TAGS = [
  'sycophancy', 'reasoning', 'alignment', 'evaluation', 'interpretability', 'rlhf', 'retrieval', 'agents', 'safety',
  'calibration', 'hallucination', 'training-dynamics', 'benchmarks', 'multilinguality', 'persuasion', 'oversight',
] as const;

export const CATEGORIES = ['behaviour', 'training', 'evaluation', 'mechanisms', 'deployment', 'theory'] as const;

/** Relation labels of `related` entries, as the corpus site shows them. */
export const LABELS = [
  'the broader frame this finding follows from', 'a mechanism that explains the same failure', 'the counter-example that limits it',
  'the same effect measured in another setting', 'the prescription this result argues against', 'a prerequisite for the argument',
  'what happens one step further down the same path', 'the training-side view of the same behaviour',
  'an intervention that addresses it at inference time', 'evidence that the effect does not scale away',
] as const;

/** Sentence templates for bodies. `{a}` and `{b}` are concepts, `{m}` a model, `{c}` a context, `{p}` a percentage, `{n}` a count. */
export const SENTENCES = [
  'The intuitive account is that {a} is a side effect of {b}, and that fixing one fixes the other.',
  'Measured on {n} tasks, {m} shows {p} more {a} when {b} is present than when it is absent.',
  'The effect holds across {c}, which argues against an explanation specific to one benchmark.',
  'What changes is not the answer the model can produce but the answer it chooses to produce under {b}.',
  'Ablating {a} leaves {b} intact, so the two are not one mechanism seen twice.',
  'This reframes {a} as a property of the training distribution rather than of the architecture.',
  'A simpler reading is available: {a} tracks {b} because both are rewarded by the same preference data.',
  'The prediction fails in {c}, where {m} drops {p} in accuracy once {b} is introduced.',
  'Studies of {c} report the opposite pattern, which the {a} account has to explain rather than ignore.',
  'The practical consequence is that interventions on {b} are only partly effective against {a}.',
  'None of this shows that {a} is inevitable; it shows that {b} is not the lever that moves it.',
  'Follow-up work replicates the result on {m} with {n} annotators and a held-out set from {c}.',
  'The gap widens with scale: larger models show {p} more {a} under the same {b} protocol.',
  'Read together, these findings place {a} closer to inference than to training.',
  'It is tempting to treat {a} as noise in {c}; the consistency of the effect across {n} runs makes that hard to sustain.',
  'The open question is whether {b} can be measured without also inducing {a}.',
] as const;

/** Openings of an inquiring line's paragraphs. */
export const INQUIRY_OPENINGS = [
  'The corpus points to a root cause that is almost counterintuitive.',
  'Here is the twist on {a} specifically.',
  'Why does the obvious fix not work?',
  'The evidence comes from several directions at once.',
  'A second thread runs through the work on {c}.',
  'What ties these findings together is {a}.',
] as const;

/** Method names for synthetic paper titles. */
export const METHOD_NAMES = [
  'CoDI', 'TRACE', 'SAGE', 'LUMEN', 'PRISM', 'ORBIT', 'VERITY', 'ANCHOR', 'HELIX', 'QUILL', 'MOSAIC', 'EMBER', 'NOVA', 'ATLAS',
  'RIVET', 'SPARK', 'TANDEM', 'CIRRUS', 'FABLE', 'GLINT', 'KESTREL', 'LATTICE', 'MERIDIAN', 'PALISADE',
] as const;

export const PAPER_KINDS = ['A Benchmark for', 'Towards', 'On', 'Measuring', 'Understanding', 'Mitigating', 'Revisiting', 'Scaling'] as const;

/** Paper tags in the rpa2 style: lower-case, hyphenated. */
export const PAPER_TAGS = [
  'llms', 'transformers', 'self-attention', 'retrieval-augmented-generation', 'instruction-tuning', 'chain-of-thought',
  'parameter-efficient-finetuning', 'mixture-of-experts', 'rlhf', 'evaluation', 'benchmark', 'alignment', 'reasoning',
  'interpretability', 'safety', 'multimodal', 'agents', 'distillation', 'quantization', 'hallucination',
] as const;
