// Lets TypeScript import .svelte files (svelte-check checks their insides).
declare module '*.svelte' {
  import type { Component } from 'svelte';
  // Each component has its own props; svelte-check knows them, tsc does not.
  const component: Component<any>;
  export default component;
}
