// The common-passwords list of @zxcvbn-ts/language-common, imported on its own (its index ships the types of
// the whole dictionary only).
declare module '@zxcvbn-ts/language-common/dist/passwords.json.mjs' {
  const passwords: string[];
  export default passwords;
}
