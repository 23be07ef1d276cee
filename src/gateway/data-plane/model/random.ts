// The random source every pick draws from (Math.random by default; tests inject a seeded one).
export type Random = () => number;
