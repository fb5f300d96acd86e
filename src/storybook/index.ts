export {
  withPersonalize,
  type PersonalizeDecorator,
  type PersonalizeParameters,
  type PersonalizeStoryContext,
  type PersonalizeStoryOptions,
} from './withPersonalize';
