// Lets TypeScript import .vue files (vue-tsc or Volar check their insides).
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
